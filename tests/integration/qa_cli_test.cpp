// The technician's QA with the real `station` program on a real store file: the checklist of
// the example policy, a failed measurement back to repair, a second attempt with a photo step,
// the repair report as JSON, as text and printed (rendered by zpl-renderer-js, its barcode read
// back by zbar).
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/label_check.h"
#include "tests/support/station_cli.h"

using rs::test::contains;

namespace {

const std::string& k_tech = rs::test::k_technician_badge;

struct QaStation : rs::test::StationCli {
    std::string order;

    QaStation() {
        prepare();
        order = start_repair("SF1402398761234");
        for (auto args : std::vector<std::vector<std::string>>{
                 {"policy", "load", rs::test::example_file("policy.toml"), "--operator",
                  rs::test::k_supervisor_badge},
                 {"faults", "import", rs::test::example_file("faults/phone.json")}}) {
            auto done = run(args);
            INFO(done.out << done.err);
            REQUIRE(done.exit_code == 0);
        }
    }

    rs::test::ProcessResult qa(std::vector<std::string> args) {
        args.insert(args.begin(), "qa");
        args.insert(args.end(), {"--operator", k_tech});
        return run(args);
    }

    void ok(std::vector<std::string> args) {
        auto done = qa(args);
        INFO(args[0] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
    }
};

}  // namespace

TEST_CASE_METHOD(QaStation,
                 "a failed measurement sends the order back to repair; the second "
                 "attempt passes with every step and carries the repair report") {
    auto started = qa({"start", order, "--repair-code", "R10"});
    INFO(started.out << started.err);
    REQUIRE(started.exit_code == 0);
    CHECK(contains(started.out, "QA attempt 1 (open): Phone final test"));
    CHECK(contains(started.out,
                   "3. Battery voltage at the connector, charger unplugged "
                   "[measured] expected: a charged, healthy battery (3.7..4.4 V)"));
    CHECK(texts("SELECT state FROM repair_orders WHERE number = '" + order + "'") ==
          std::vector<std::string>{"qa"});

    auto low = qa({"record", order, "3", "--value", "3.41"});
    CHECK(low.exit_code == 0);
    CHECK(contains(low.out, "step 3: FAIL (measured 3.41)"));
    auto wrong_kind = qa({"record", order, "3", "--pass"});
    CHECK(wrong_kind.exit_code == 2);
    CHECK(contains(wrong_kind.err, "its limits (3.7..4.4 V) decide"));
    auto failed = qa({"finish", order, "--note", "battery swollen"});
    INFO(failed.out << failed.err);
    REQUIRE(failed.exit_code == 0);
    CHECK(contains(failed.out, "failed QA attempt 1: back to in_repair"));
    CHECK(contains(failed.out, "3.41 V (expected 3.7..4.4 V); battery swollen"));

    ok({"start", order, "--repair-code", "R20", "--note", "battery replaced"});
    for (const char* step : {"1", "2", "5"})
        ok({"record", order, step, "--pass"});
    ok({"record", order, "3", "--value", "3.95"});
    ok({"record", order, "4", "--value", "1.2"});
    auto early = qa({"finish", order});
    CHECK(early.exit_code == 2);
    CHECK(contains(early.err, "has no result for step 6"));
    auto bare = run({"orders", "move", order, "ready_to_ship", "--operator", k_tech});
    CHECK(bare.exit_code == 2);
    CHECK(contains(bare.err, "no result: step 6"));

    auto no_photo = qa({"record", order, "6"});
    CHECK(no_photo.exit_code == 2);
    CHECK(contains(no_photo.err, "needs a photo of " + order));
    auto snap = run({"camera", "snap", "--source", "sim", "--order", order, "--stage", "qa",
                     "--json", "--operator", k_tech});
    INFO(snap.out << snap.err);
    REQUIRE((snap.exit_code == 0 || snap.exit_code == 3));
    std::string photo = nlohmann::json::parse(snap.out)["id"];
    ok({"record", order, "6", "--photo", photo});

    auto passed = qa({"finish", order});
    INFO(passed.out << passed.err);
    REQUIRE(passed.exit_code == 0);
    CHECK(contains(passed.out, order + " passed QA at attempt 2: ready_to_ship"));
    CHECK_FALSE(contains(passed.out, "first pass"));

    auto shown = run_json({"qa", "show", order, "--json"});
    REQUIRE(shown.size() == 2);
    CHECK(shown[0]["outcome"] == "failed");
    CHECK(shown[1]["outcome"] == "passed");
    CHECK(shown[1]["steps"][2]["value"] == "3.95");
    CHECK(shown[1]["steps"][5]["photo"] == photo);

    auto report = run_json({"qa", "report", order, "--json"});
    CHECK(report["repair_order"] == order);
    CHECK(report["repair_codes"] == nlohmann::json{"R10", "R20"});
    CHECK(report["qa"]["attempts"] == 2);
    CHECK(report["qa"]["first_pass"] == false);
    CHECK(report["photos"].size() == 1);
    auto text = run({"qa", "report", order});
    CHECK(contains(text.out, "QA Phone final test attempt 2 of 2: passed"));
    CHECK(contains(
        text.out, "[PASS] 6. Photo of the front, screen lit on white photo " + photo.substr(0, 8)));

    auto events = texts("SELECT payload FROM outbox WHERE type = 'repair_order.qa_passed'");
    REQUIRE(events.size() == 1);
    auto event = nlohmann::json::parse(events[0]);
    CHECK(event["repair_report"] == report);
    CHECK(event["qa"]["first_pass"] == false);
    auto failures = texts("SELECT payload FROM outbox WHERE type = 'repair_order.qa_failed'");
    REQUIRE(failures.size() == 1);
    CHECK(contains(nlohmann::json::parse(failures[0])["reason"].get<std::string>(),
                   "battery swollen"));

    for (const char* sub : {"start", "record", "show", "finish", "report"})
        CHECK(run({"qa", sub, "--help"}).exit_code == 0);
}

TEST_CASE_METHOD(QaStation, "the repair report prints, and the printed page reads back", "[slow]") {
    ok({"start", order});
    for (const char* step : {"1", "2", "5"})
        ok({"record", order, step, "--pass"});
    ok({"record", order, "3", "--value", "4.1"});
    ok({"record", order, "4", "--value", "0.9"});
    auto snap = run({"camera", "snap", "--source", "sim", "--order", order, "--stage", "qa",
                     "--json", "--operator", k_tech});
    REQUIRE((snap.exit_code == 0 || snap.exit_code == 3));
    ok({"record", order, "6", "--photo", nlohmann::json::parse(snap.out)["id"]});
    ok({"finish", order});

    std::string spool = file("spool");
    std::filesystem::create_directories(spool);
    append_config(
        "[printers]\ndefault = \"desk\"\n[[printers.device]]\nname = \"desk\"\n"
        "driver = \"spool\"\npath = \"" +
        spool + "\"\n");
    auto printed = run({"qa", "report", order, "--print", "--operator", k_tech});
    INFO(printed.out << printed.err);
    REQUIRE(printed.exit_code == 0);
    CHECK(contains(printed.out, "repair report page job"));
    std::vector<std::string> zpl;
    for (const auto& entry : std::filesystem::directory_iterator(spool))
        zpl.push_back(entry.path().string());
    REQUIRE_FALSE(zpl.empty());
    std::vector<rs::test::RenderJob> jobs;
    for (std::size_t i = 0; i < zpl.size(); ++i)
        jobs.push_back({zpl[i], file("page" + std::to_string(i) + ".png"), 101.6, 152.4, 8});
    auto error = rs::test::render_zpl(jobs);
    INFO(error);
    REQUIRE(error.empty());
    auto codes = rs::test::zbarimg_decode(jobs[0].png_path);
    CHECK(codes == std::vector<std::string>{order});
}
