// The printing commands of the real `station` program, with the real printer emulator program
// on loopback sockets: ZPL to a file checked by zpl-renderer-js and zbarimg, printing through
// paper out, a station SIGKILLed while sending, reprints, and the demo.
#include <fmt/format.h>
#include <signal.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "tests/support/emulator_process.h"
#include "tests/support/label_check.h"
#include "tests/support/station_cli.h"

using namespace rs;
using test::contains;
using test::read_text;
using test::run_station;

namespace {

// The printer emulator program, with its print and control ports read from its first line.
struct EmulatorProcess : test::EmulatorProcess {
    EmulatorProcess() : test::EmulatorProcess(EMULATOR_BINARY) {}
};

// A station whose one printer, emu, is the emulator on `printer_port`; `printers` adds lines to
// its [printers] section.
struct Station : test::StationCli {
    explicit Station(int printer_port, const std::string& printers = "") {
        write_config(
            fmt::format("[printers]\n{}retry_first_ms = 50\nretry_max_ms = 200\n"
                        "[[printers.device]]\nname = \"emu\"\ndriver = \"tcp\"\n"
                        "address = \"127.0.0.1:{}\"\ntimeout_ms = 1000\n",
                        printers, printer_port));
        // Only `init` makes a store; printing commands refuse one that does not exist, and
        // print for a person who proves who they are.
        add_people();
    }
    nlohmann::json jobs() const { return run_json({"jobs", "list", "--json"}); }
    std::vector<std::string> audit_actions() const {
        return texts("SELECT action FROM audit_log WHERE action LIKE 'print.%' ORDER BY id");
    }
};

std::string example(const std::string& name) {
    return test::example_file(name + ".json");
}

bool has(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("print return-label --out: zpl-renderer-js draws it, zbarimg reads the tracking number") {
    test::TempDir dir;
    auto printed = run_station(
        {"print", "return-label", "--data", example("return-label"), "--out", dir.file("l.zpl")});
    INFO(printed.out << printed.err);
    REQUIRE(printed.exit_code == 0);
    std::string error = test::render_zpl({{dir.file("l.zpl"), dir.file("l.png"), 101.6, 152.4, 8}});
    INFO(error);
    REQUIRE(error.empty());
    auto symbols = test::zbarimg_decode(dir.file("l.png"));
    CHECK(std::find(symbols.begin(), symbols.end(), "SF1402398761234") != symbols.end());
    // The recipient's name and Chinese address are drawn in the "TO" part of the label
    // (recipient name 34-41.5 mm, address 48-78 mm from the top, at 8 dots per mm).
    test::GrayImage image = test::read_png(dir.file("l.png"));
    CHECK(image.dark_pixels(32, 272, 750, 60) > 400);
    CHECK(image.dark_pixels(32, 384, 750, 240) > 3000);
    CHECK(contains(read_text(dir.file("l.zpl")), "^GFA"));
}

TEST_CASE("print preview writes a PNG whose barcode reads back") {
    test::TempDir dir;
    auto preview = run_station(
        {"print", "preview", "ro-tag", "--data", example("ro-tag"), "--png", dir.file("tag.png")});
    INFO(preview.out << preview.err);
    REQUIRE(preview.exit_code == 0);
    auto symbols = test::zbarimg_decode(dir.file("tag.png"));
    CHECK(std::count(symbols.begin(), symbols.end(), "RO-000001O") == 2);
}

TEST_CASE("printing commands explain themselves and refuse bad input clearly") {
    for (auto command : {std::vector<std::string>{"print", "--help"},
                         {"printers", "--help"},
                         {"jobs", "--help"},
                         {"print", "preview", "--help"}}) {
        auto help = run_station(command);
        CHECK(help.exit_code == 0);
        CHECK(help.out.size() > 200);
    }
    test::StationCli cli;
    std::ofstream(cli.file("bad.json")) << "{\"carrier\": \"SF\"}";
    auto missing = cli.run(
        {"print", "return-label", "--data", cli.file("bad.json"), "--out", cli.file("x.zpl")});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "tracking_number"));
    auto no_printer = cli.run({"print", "ro-tag", "--data", example("ro-tag")});
    CHECK(no_printer.exit_code == 2);
    CHECK(contains(no_printer.err, "[[printers.device]]"));
    // A number no double holds was an uncaught exception: `station print` aborted (SIGABRT).
    std::ofstream(cli.file("huge.json"))
        << R"({"carrier": "SF", "tracking_number": "SF1402398761234", "weight_kg": 1e400})";
    auto huge = cli.run(
        {"print", "return-label", "--data", cli.file("huge.json"), "--out", cli.file("y.zpl")});
    CHECK(huge.exit_code == 2);
    CHECK(contains(huge.err, "is not valid JSON"));
    CHECK(contains(huge.err, "number overflow"));
}

TEST_CASE("print to the emulator program, through paper out, and reprint with a reason") {
    EmulatorProcess emulator;
    Station station(emulator.port);
    auto first = station.run(
        {"print", "location-label", "--data", example("location-label"), "--copies", "2"});
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(emulator.printed() == 2);

    CHECK(contains(emulator.control("paper-out on"), "paper_out=1"));
    auto waiting = station.run({"print", "ro-tag", "--data", example("ro-tag"), "--wait", "0.3"});
    INFO(waiting.out << waiting.err);
    CHECK(waiting.exit_code == 3);
    CHECK(contains(waiting.out, "out of labels: load a new roll"));
    CHECK(station.jobs()[1]["state"] == "queued");
    auto status = station.run({"printers", "status", "emu"});
    CHECK(status.exit_code == 3);
    CHECK(contains(status.out, "out of labels"));

    emulator.control("paper-out off");
    auto resumed = station.run({"jobs", "run"});
    INFO(resumed.out << resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(emulator.printed() == 3);
    CHECK(station.jobs()[1]["state"] == "sent");

    auto no_reason = station.run({"jobs", "reprint", "2"});
    CHECK(no_reason.exit_code == 2);
    CHECK(contains(no_reason.err, "--reason"));
    auto reprint = station.run({"jobs", "reprint", "2", "--reason", "label torn"});
    INFO(reprint.out << reprint.err);
    CHECK(reprint.exit_code == 0);
    CHECK(emulator.printed() == 4);
    CHECK(station.jobs()[2]["reason"] == "label torn");
    CHECK(has(station.audit_actions(), "print.reprint"));

    auto listed = station.run({"printers", "list"});
    CHECK(listed.exit_code == 0);
    CHECK(contains(listed.out, "* emu"));
    auto test_label = station.run({"printers", "test"});
    INFO(test_label.out << test_label.err);
    CHECK(test_label.exit_code == 0);
    CHECK(emulator.printed() == 5);
    auto ready = station.run({"printers", "status"});
    CHECK(ready.exit_code == 0);
    CHECK(contains(ready.out, "emu: ready"));
    CHECK(contains(ready.out, "RS-EMULATOR"));
}

TEST_CASE("the station SIGKILLed while sending: the label prints once, or waits for a person") {
    EmulatorProcess emulator;
    Station station(emulator.port);
    // About 34 KB read at 200 ms per KiB: the kill lands while the label is on its way.
    emulator.control("slow 200");
    int pid = test::spawn_process(
        station.argv({"print", "return-label", "--data", example("return-label")}),
        station.file("print.log"));
    bool partial = false;
    for (int i = 0; i < 400 && !partial; ++i) {
        partial = contains(emulator.control("status"), "partial=1");
        if (!partial) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    REQUIRE(partial);
    ::kill(pid, SIGKILL);
    CHECK(test::wait_process(pid).signal == SIGKILL);
    // Marked before the first byte left: a crash can never leave it looking unsent.
    REQUIRE(station.jobs()[0]["state"] == "sending");

    SECTION("the bytes already sent reach the printer and it prints; a person closes the job") {
        emulator.control("slow 0");
        for (int i = 0; i < 400 && emulator.printed() == 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        REQUIRE(emulator.printed() == 1);
        auto settled = station.run({"jobs", "run"});
        INFO(settled.out << settled.err);
        // The printer holds nothing: the label printed or never arrived, only a person can see.
        CHECK(settled.exit_code == 3);
        CHECK(contains(settled.out, "need a person"));
        CHECK(station.jobs()[0]["state"] == "failed");
        CHECK(station.audit_actions().back() == "print.attention");
        CHECK(emulator.printed() == 1);  // not sent again by itself
        auto closed = station.run({"jobs", "cancel", "1"});
        CHECK(closed.exit_code == 0);
        CHECK(station.audit_actions().back() == "print.cancelled");
        CHECK(emulator.printed() == 1);
    }
    SECTION("the printer is power-cycled mid-job and loses it; a person has it printed once") {
        emulator.control("reset");
        emulator.control("slow 0");
        auto settled = station.run({"jobs", "run"});
        INFO(settled.out << settled.err);
        CHECK(settled.exit_code == 3);
        CHECK(emulator.printed() == 0);
        auto job = station.jobs()[0];
        CHECK(job["state"] == "failed");
        CHECK(contains(job["attention"].get<std::string>(), "station jobs retry 1"));
        CHECK(station.audit_actions().back() == "print.attention");
        CHECK(contains(station.run({"jobs", "list"}).out, "needs a person"));
        auto retried = station.run({"jobs", "retry", "1"});
        CHECK(retried.exit_code == 0);
        CHECK(emulator.printed() == 1);
        CHECK(station.audit_actions().back() == "print.sent");
    }
}

TEST_CASE("station run prints each received order's tag in the background") {
    EmulatorProcess emulator;
    Station station(emulator.port, "intake_tags = \"emu\"\n");
    station.append_config(
        "[scanners]\noperator = \"" + test::k_warehouse_badge +
        "\"\n[[scanners.device]]\nname = \"intake\"\ndriver = \"simulated\"\ninterval_ms = 5\n"
        "scans = [\"SF1402398761234\", \"1Z999AA10123456784\", \"SF1402398761234\"]\n");
    station.import_rmas();  // the people are there already (Station)
    auto run = station.run({"run", "--until-idle"});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "tag queued on emu (job 1)"));
    CHECK(contains(run.out, "tag queued on emu (job 2)"));
    CHECK(contains(run.out, "emu: job 1 sent"));
    CHECK(contains(run.out, "emu: job 2 sent"));
    CHECK(emulator.printed() == 2);  // two parcels, the first scanned twice: two tags
    auto jobs = station.jobs();
    REQUIRE(jobs.size() == 2);
    for (const auto& job : jobs)
        CHECK(job["state"] == "sent");
}

TEST_CASE("station demo prints its labels to the emulator and survives it going paper-out") {
    auto demo = run_station({"demo"});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(contains(demo.out, "out of labels: load a new roll"));
    CHECK(contains(demo.out, "job 6 sent"));
    CHECK(contains(demo.out, "the printer printed 6 labels"));
}

// Issue 14's first acceptance point on the demo's own output: every return label the demo
// printed on the emulator renders in zpl-renderer-js, and zbar reads from it the tracking
// number the demo shipped the parcel with.
TEST_CASE("the demo's return labels render and their tracking numbers decode with zbar") {
    test::TempDir dir;
    auto demo = run_station({"demo", "--db", dir.file("demo.db")});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    // "    RO-000006E SF Express Standard 标快 SF500000000000, 0.420 kg, freight: ..."
    std::set<std::string> shipped;
    std::istringstream lines(demo.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("    RO-", 0) != 0 || !contains(line, " kg, freight: ")) continue;
        auto comma = line.find(", ");  // the tracking number is the word before it
        auto start = line.rfind(' ', comma) + 1;
        shipped.insert(line.substr(start, comma - start));
    }
    REQUIRE(shipped.size() >= 4);  // every route that ends in a shipment

    std::vector<test::RenderJob> labels;
    for (const auto& file : std::filesystem::directory_iterator(dir.file("demo.db-shipping"))) {
        if (file.path().extension() != ".zpl") continue;
        if (!contains(read_text(file.path().string()), "^FDTRACKING^FS")) continue;  // not a label
        auto png = file.path();
        labels.push_back(
            {file.path().string(), png.replace_extension(".png").string(), 101.6, 152.4, 8});
    }
    REQUIRE(labels.size() == shipped.size());
    REQUIRE(test::render_zpl(labels).empty());
    std::set<std::string> decoded;
    for (const auto& label : labels)
        for (const auto& symbol : test::zbarimg_decode(label.png_path))
            if (shipped.count(symbol)) decoded.insert(symbol);
    CHECK(decoded == shipped);
}
