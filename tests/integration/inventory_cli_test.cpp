// The parts commands of `station` as a parts manager and a technician use them, end to end.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "labels/codes/code_grammar.h"
#include "tests/support/station_cli.h"

using rs::test::contains;

namespace {
const std::string k_screen = "SKU-LCD-X2Q";
const std::string k_bin = rs::labels::make_own_id(rs::labels::CodeKind::Bin, "A-01");
}  // namespace

TEST_CASE("parts are imported, received by GS1 scan, reserved, picked and consumed") {
    rs::test::StationCli cli;
    cli.prepare();
    const std::string order = cli.start_repair("SF1402398761234");
    const std::string& person = rs::test::k_technician_badge;
    auto imported = cli.run({"parts", "import", rs::test::example_file("parts.csv")});
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    CHECK(contains(imported.out, "imported 4 parts"));
    REQUIRE(cli.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);

    auto received = cli.run({"stock", "receive", "--bin", k_bin, "--cost", "2500",
                             "(01)06901234567892(10)L1(30)4", "(01)04006381333931", "--operator",
                             rs::test::k_warehouse_badge});
    CHECK(received.exit_code == 3);  // the second label's GTIN is unknown
    CHECK(contains(received.out, "received SKU-LCD-X2Q x4 lot L1"));
    CHECK(contains(received.err, "station parts add"));

    auto unknown = cli.run({"stock", "reserve", "RO-1", k_screen, "--operator", person});
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "no repair order RO-1 in this store"));
    auto reserved =
        cli.run({"stock", "reserve", order, k_screen, "--qty", "5", "--operator", person});
    INFO(reserved.out << reserved.err);
    CHECK(reserved.exit_code == 3);
    CHECK(contains(reserved.out, "short by 1: backordered"));
    CHECK(contains(reserved.out, order + " is now awaiting_parts"));
    REQUIRE(cli.run({"orders", "move", order, "in_repair", "--operator", person}).exit_code == 0);
    // Not picked yet; STATION_OPERATOR names the person as well as --operator does.
    CHECK(cli.run({"stock", "consume", order}, "", {"STATION_OPERATOR=" + person}).exit_code == 2);
    // QA waits until the parts are used.
    auto early_qa = cli.run({"orders", "move", order, "qa", "--operator", person});
    CHECK(early_qa.exit_code == 2);
    CHECK(contains(early_qa.err, "station stock consume " + order));
    auto picked =
        cli.run({"stock", "pick", order, k_bin, "(01)06901234567892(10)L1", "--operator", person});
    INFO(picked.err);
    REQUIRE(picked.exit_code == 0);
    REQUIRE(cli.run({"stock", "consume", order, "--operator", person}).exit_code == 0);
    // Four screens did it: the fifth, still backordered, is cancelled before QA.
    auto waiting = cli.run({"orders", "move", order, "qa", "--operator", person});
    CHECK(waiting.exit_code == 2);
    CHECK(contains(waiting.err, "SKU-LCD-X2Q x1 backordered"));
    REQUIRE(cli.run({"stock", "release", order, "--operator", person}).exit_code == 0);
    REQUIRE(cli.run({"orders", "move", order, "qa", "--operator", person}).exit_code == 0);

    auto value = cli.run({"stock", "value"});
    CHECK(contains(value.out, "total 0.00"));
    auto reorder = cli.run({"stock", "report", "--reorder"});
    CHECK(contains(reorder.out, k_screen));
    for (const auto* sub :
         {"receive", "move", "reserve", "pick", "consume", "release", "count", "report", "value"})
        CHECK(cli.run({"stock", sub, "--help"}).exit_code == 0);
}

TEST_CASE("received stock fills an order's backorder, its repair goes on, and it shows its cost") {
    rs::test::StationCli cli;
    cli.prepare();
    const std::string order = cli.start_repair("SF1402398761234");
    const std::string& person = rs::test::k_technician_badge;
    REQUIRE(cli.run({"parts", "import", rs::test::example_file("parts.csv")}).exit_code == 0);
    REQUIRE(cli.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
    auto reserved = cli.run({"stock", "reserve", order, k_screen, "--operator", person});
    INFO(reserved.out << reserved.err);
    CHECK(reserved.exit_code == 3);
    CHECK(contains(reserved.out, order + " is now awaiting_parts"));

    auto received =
        cli.run({"stock", "receive", "--bin", k_bin, "--cost", "2500",
                 "(01)06901234567892(10)L1(30)2", "--operator", rs::test::k_warehouse_badge});
    INFO(received.out << received.err);
    REQUIRE(received.exit_code == 0);
    CHECK(contains(received.out, "backorder of " + order + " filled: SKU-LCD-X2Q x1 reserved"));
    CHECK(contains(received.out, order + " is now in_repair"));
    CHECK(cli.texts("SELECT state FROM repair_orders") == std::vector<std::string>{"in_repair"});

    REQUIRE(
        cli.run({"stock", "pick", order, k_bin, "(01)06901234567892(10)L1", "--operator", person})
            .exit_code == 0);
    REQUIRE(cli.run({"stock", "consume", order, "--operator", person}).exit_code == 0);
    auto shown = cli.run({"orders", "show", order});
    INFO(shown.out << shown.err);
    // No policy in this store: no labour rate, no currency.
    CHECK(contains(shown.out, "cost       parts 25.00 + labour 0.00 = 25.00"));
    auto json = nlohmann::json::parse(cli.run({"orders", "show", order, "--json"}).out);
    CHECK(json["cost"]["parts_minor"] == 2500);
    CHECK(json["cost"]["total_minor"] == 2500);
}

TEST_CASE("a change of stock is booked under a person of this store, never under nobody") {
    rs::test::StationCli cli;
    cli.add_people();
    REQUIRE(cli.run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
    REQUIRE(cli.run({"parts", "import", rs::test::example_file("parts.csv")}).exit_code == 0);
    const std::string label = "(01)06901234567892(10)L1(30)4";

    auto nobody = cli.run({"stock", "receive", "--bin", k_bin, label}, "", {"STATION_OPERATOR="});
    CHECK(nobody.exit_code == 2);
    CHECK(contains(nobody.err, "who is acting? give --operator"));

    std::string stranger = rs::labels::make_own_id(rs::labels::CodeKind::OperatorBadge, "0099");
    auto unknown = cli.run({"stock", "receive", "--bin", k_bin, label, "--operator", stranger});
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, stranger + " is nobody at this station"));
    // Neither refusal booked anything.
    CHECK_FALSE(contains(cli.run({"stock", "report"}).out, k_screen));

    auto booked = cli.run(
        {"stock", "receive", "--bin", k_bin, label, "--operator", rs::test::k_warehouse_badge});
    CHECK(booked.exit_code == 0);
    CHECK(contains(cli.run({"stock", "report"}).out, k_screen));
}
