// The after-sales rules end to end: the real `station` program and the reference platform carry
// one device of each route (examples/policy-samples.json) from intake through the decision, the
// quote and the customer's answer, to its end; every event passes the platform's schemas.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <sstream>

#include "labels/codes/code_grammar.h"
#include "station/orders/policy_samples.h"
#include "station/policy/policy.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/station_cli.h"

using nlohmann::json;
using rs::test::contains;

namespace {

std::string read(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string order_number(int n) {
    return rs::labels::make_own_id(rs::labels::CodeKind::RepairOrder, fmt::format("{:06}", n));
}

const std::string k_supervisor = "OP-0003Q";

// The samples with their dates moved so that they are received today, as the station's clock
// (the real one) will say.
rs::station::PolicySamples samples_for_today() {
    auto policy = rs::station::parse_policy(read(rs::test::example_file("policy.toml")), "p");
    REQUIRE(policy);
    std::string text = read(rs::test::example_file("policy-samples.json"));
    auto as_filed = rs::station::parse_policy_samples(text, 0);
    REQUIRE(as_filed);
    auto today = policy->calendar.local_day(static_cast<std::int64_t>(std::time(nullptr)) * 1000);
    auto samples =
        rs::station::parse_policy_samples(text, today - as_filed->received_ms / 86'400'000);
    REQUIRE(samples);
    return *samples;
}

struct RulesStation : rs::test::StationCli {
    void ok(const std::vector<std::string>& args) const {
        auto done = run(args);
        INFO(fmt::format("{}\n{}{}", fmt::join(args, " "), done.out, done.err));
        REQUIRE(done.exit_code == 0);
    }
    std::string state(const std::string& number) const {
        return run_json({"orders", "show", number, "--json"})["state"];
    }
};

}  // namespace

TEST_CASE("each route goes from intake through the platform and back") {
    RulesStation station;
    station.add_people();
    station.ok({"operators", "add", "--badge", "3", "--name", "Maria", "--role", "supervisor"});
    station.set_pin("OP-0003Q");
    auto samples = samples_for_today();
    rs::test::TestPlatform platform(station.dir(), 0);
    std::vector<json> rmas;
    for (const auto& sample : samples.samples)
        rmas.push_back(sample.rma_json);
    REQUIRE(platform.store->upsert_rmas(rmas));
    station.write_config(fmt::format(
        "[platform]\nurl = \"{}\"\ntoken = \"{}\"\nretry_initial_ms = 20\nretry_max_ms = 200\n"
        "[policy]\nfile = \"{}\"\n",
        platform.url(), rs::test::k_station_token, rs::test::example_file("policy.toml")));
    station.ok({"sync", "run"});
    station.ok({"faults", "import", rs::test::example_file("faults/phone.json"),
                rs::test::example_file("faults/tablet.json")});

    std::string scans = rs::test::k_warehouse_badge + "\n";
    for (const auto& sample : samples.samples)
        scans += sample.rma.number + "\n";
    REQUIRE(station.run({"intake", "-"}, scans).exit_code == 0);

    const std::string tech = rs::test::k_technician_badge;
    for (std::size_t i = 0; i < samples.samples.size(); ++i) {
        const auto& sample = samples.samples[i];
        const auto& d = sample.diagnosis;
        std::string number = order_number(static_cast<int>(i + 1));
        INFO(number << ": " << sample.story);
        // Before the handover the technician may not touch the case, and is told why.
        auto not_owner = station.run({"orders", "move", number, "inspected", "--operator", tech});
        CHECK(not_owner.exit_code == 2);
        CHECK(contains(not_owner.err, "rule O1"));
        station.ok({"orders", "handover", number, "--to", tech, "--reason", "to the bench",
                    "--operator", rs::test::k_warehouse_badge});
        station.ok({"orders", "move", number, "inspected", "--operator", tech});
        std::vector<std::string> diagnose = {"orders",
                                             "diagnose",
                                             number,
                                             "--operator",
                                             tech,
                                             "--symptom",
                                             d.customer_symptom,
                                             "--symptom-code",
                                             d.symptom_code,
                                             "--defect",
                                             d.defect_code,
                                             "--cause",
                                             std::string(rs::name_of(d.cause))};
        if (!d.condition_code.empty())
            diagnose.insert(diagnose.end(), {std::string("--condition"), d.condition_code});
        if (!d.section_code.empty())
            diagnose.insert(diagnose.end(), {std::string("--section"), d.section_code});
        for (auto kind : d.damage)
            diagnose.insert(diagnose.end(), {std::string("--damage"), rs::name_of(kind)});
        for (const auto& accessory : d.missing_accessories)
            diagnose.insert(diagnose.end(), {std::string("--missing"), accessory});
        if (d.activated) diagnose.push_back("--activated");
        station.ok(diagnose);
        auto decided = station.run({"orders", "decide", number, "--operator", tech});
        INFO(decided.out << decided.err);
        REQUIRE(decided.exit_code == 0);
        CHECK(contains(decided.out, "route " + sample.expected_route));
        CHECK(contains(decided.out, "policy 2026.11-3"));

        if (sample.expected_route == "warranty_repair") {
            station.ok({"orders", "move", number, "in_repair", "--operator", tech});
            station.pass_qa(number);
        } else if (sample.expected_route == "quote") {
            auto early = station.run({"orders", "move", number, "in_repair", "--operator", tech});
            CHECK(early.exit_code == 2);
            CHECK(contains(early.err, "rule Q1"));
            CHECK(contains(early.err, "Who may override: a supervisor"));
            std::vector<std::string> quote = {"orders", "quote", number, "--operator", tech};
            for (const auto& code : sample.quote_labour)
                quote.insert(quote.end(), {"--labour", code});
            station.ok(quote);
        } else if (sample.expected_route == "return_accepted") {
            auto repair = station.run({"orders", "move", number, "in_repair", "--operator", tech});
            CHECK(contains(repair.err, "rule R0"));
            station.ok({"returns", "inspect", number, "--grade", "C", "--outcome",
                        "return_to_vendor", "--operator", tech});
        } else if (sample.expected_route == "exchange") {
            // A replacement of the customer's product on a shelf, taken by its serial.
            station.ok({"parts", "add", "--make-sku", "UNIT-PX2W", "--tracking", "serial", "--gtin",
                        "06901234567991", "--whole-unit-of", sample.rma.product_model});
            station.ok({"locations", "add", "--make-bin", "U-01"});
            station.ok({"stock", "receive", "--bin",
                        rs::labels::make_own_id(rs::labels::CodeKind::Bin, "U-01"), "--cost",
                        "160000", "(01)06901234567991(21)PX2W0001", "--operator",
                        rs::test::k_warehouse_badge});
            auto bare = station.run({"orders", "move", number, "exchanged", "--operator", tech});
            CHECK(contains(bare.err, "station exchange " + number));
            station.ok({"exchange", number, "--serial", "PX2W0001", "--operator", tech});
            station.ok({"orders", "move", number, "ready_to_ship", "--operator", tech});
        } else if (sample.expected_route == "no_fault_found" ||
                   sample.expected_route == "return_refused") {
            // Nothing to repair, or a return the rules refused: it goes back as it came.
            station.ok({"orders", "move", number, "ready_to_ship", "--operator", tech});
        }
    }
    auto mine = station.run({"orders", "list", "--mine", "--operator", tech});
    CHECK(contains(mine.out, order_number(6)));
    CHECK_FALSE(contains(
        station.run({"orders", "list", "--mine", "--operator", rs::test::k_warehouse_badge}).out,
        "RO-"));

    // The events reach the platform; the customers answer the quotes there.
    station.ok({"sync", "run"});
    for (const auto& sample : samples.samples)
        if (!sample.customer.empty())
            REQUIRE(platform.store->decide_quote(sample.rma.id, sample.customer));
    station.ok({"sync", "run"});
    for (std::size_t i = 0; i < samples.samples.size(); ++i) {
        const auto& sample = samples.samples[i];
        std::string number = order_number(static_cast<int>(i + 1));
        if (sample.customer == "approved") {
            CHECK(station.state(number) == "approved");
            station.ok({"orders", "move", number, "in_repair", "--operator", tech});
            station.pass_qa(number);
        } else if (sample.customer == "declined") {
            CHECK(station.state(number) == "declined");
            station.ok(
                {"orders", "move", number, "returned_unrepaired", "--operator", k_supervisor});
        }
    }
    station.ok({"sync", "run"});
    CHECK(station.count("outbox") == 0);
    CHECK(platform.store->stats().value().rejections == 0);

    const std::map<std::string, std::string> k_end = {{"warranty_repair", "ready_to_ship"},
                                                      {"exchange", "ready_to_ship"},
                                                      {"no_fault_found", "ready_to_ship"},
                                                      {"return_refused", "ready_to_ship"},
                                                      {"return_accepted", "restocked"}};
    for (std::size_t i = 0; i < samples.samples.size(); ++i) {
        const auto& sample = samples.samples[i];
        std::string number = order_number(static_cast<int>(i + 1));
        std::string end = sample.customer == "declined"   ? "returned_unrepaired"
                          : sample.customer == "approved" ? "ready_to_ship"
                                                          : k_end.at(sample.expected_route);
        CHECK(station.state(number) == end);
        auto events = platform.store->events(sample.rma.id, 100).value();
        std::map<std::string, json> by_type;
        for (const auto& event : events)
            by_type[event["type"]] = event;
        INFO(sample.rma.number);
        REQUIRE(by_type.contains("repair_order.route_decided"));
        CHECK(by_type["repair_order.route_decided"]["payload"]["route"] == sample.expected_route);
        CHECK_FALSE(by_type["repair_order.route_decided"]["payload"]["trace"].empty());
        REQUIRE(by_type.contains("repair_order.diagnosed"));
        CHECK(by_type["repair_order.diagnosed"]["payload"]["diagnosis"]["defect"] ==
              sample.diagnosis.defect_code);
        CHECK(by_type.contains("repair_order.handed_over"));
        if (sample.expected_route == "quote") {
            REQUIRE(by_type.contains("repair_order.quoted"));
            CHECK(by_type["repair_order.quoted"]["payload"]["quote"]["amount_minor"] > 0);
        }
    }
}

TEST_CASE("a policy file with a mistake is refused with line and key; the policy in force stays") {
    RulesStation station;
    station.add_people();
    std::string good = read(rs::test::example_file("policy.toml"));
    std::ofstream(station.file("good.toml")) << good;
    std::string bad = good;
    bad.replace(bad.find("exchange_days = 15"), 18, "exchange_day = 15");
    std::ofstream(station.file("bad.toml")) << bad;

    auto checked = station.run({"policy", "check", station.file("bad.toml")});
    CHECK(checked.exit_code == 2);
    CHECK(contains(checked.err, "[defaults] unknown key exchange_day"));
    CHECK(contains(checked.err, "bad.toml line "));
    auto samples = station.run({"policy", "check", station.file("good.toml"), "--samples",
                                rs::test::example_file("policy-samples.json")});
    INFO(samples.out << samples.err);
    CHECK(samples.exit_code == 0);
    CHECK(contains(samples.out, "8 samples, 0 decided otherwise than the file expects"));
    CHECK(contains(samples.out, "R1  delivered 2026-11-20, received 2026-11-25: day 5 of 7"));

    station.ok({"policy", "load", station.file("good.toml")});
    auto refused = station.run({"policy", "load", station.file("bad.toml")});
    CHECK(refused.exit_code == 2);
    station.append_config("[policy]\nfile = \"bad.toml\"\n");
    auto shown = station.run({"policy", "show"});
    CHECK(shown.exit_code == 0);
    CHECK(contains(shown.err, "the configured policy was not taken, the one in force stays"));
    CHECK(contains(shown.err, "unknown key exchange_day"));
    CHECK(contains(shown.out, "policy 2026.11-3"));
    CHECK(contains(shown.out, "QA: Phone final test (6 steps)"));
    for (const char* help : {"check", "load", "show"})
        CHECK(station.run({"policy", help, "--help"}).exit_code == 0);
}
