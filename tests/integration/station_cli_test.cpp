// The `station` program as a person uses it: real process, real store file, exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "labels/codes/code_grammar.h"
#include "tests/support/station_cli.h"

using rs::test::contains;
using rs::test::k_warehouse_badge;
using rs::test::run_station;
using rs::test::StationCli;

TEST_CASE("station --help lists the commands") {
    auto help = run_station({"--help"});
    CHECK(help.exit_code == 0);
    for (const char* command : {"init", "rma", "intake", "orders", "arrivals", "code", "demo"})
        CHECK(contains(help.out, command));
    auto bad = run_station({"frobnicate"});
    CHECK(bad.exit_code == 2);
}

// The program builds only the command it runs (station/cli/command_table): every command the
// full help lists must still be found and explain itself, global options before it or not.
TEST_CASE("every command the help lists answers its own --help") {
    auto help = run_station({"--help"});
    REQUIRE(help.exit_code == 0);
    std::istringstream lines(help.out.substr(help.out.find("Subcommands:")));
    std::string line;
    std::getline(lines, line);
    int commands = 0;
    while (std::getline(lines, line) && !line.empty()) {
        std::string name = line.substr(line.find_first_not_of(' '));
        name = name.substr(0, name.find(' '));
        INFO(name);
        auto own = run_station({"-v", "--db", "unused.db", name, "--help"});
        CHECK(own.exit_code == 0);
        CHECK(contains(own.out, "station " + name));
        ++commands;
    }
    CHECK(commands > 25);
}

TEST_CASE("station demo runs the whole scripted intake and exits 0") {
    auto demo = run_station({"demo"});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(contains(demo.out, "received: RO-000001"));
    CHECK(contains(demo.out, "identity_confirmed"));
    CHECK(contains(demo.out, "MISMATCH"));
    CHECK(contains(demo.out, "already received as"));
    CHECK(contains(demo.out, "unmatched parcel"));
    CHECK(contains(demo.out, "seen again"));
    CHECK(contains(demo.out, "not accepted"));
    CHECK(contains(demo.out, "cancelled on the platform"));
    CHECK(contains(demo.out, "refused: "));
    CHECK(contains(demo.out, "events wait in the outbox"));
    // Repaired devices go through their QA checklist; the first fails its battery once.
    CHECK(contains(demo.out, "QA attempt 1: Phone final test"));
    CHECK(contains(demo.out, "failed QA: back to in_repair"));
    CHECK(contains(demo.out, "passed QA at attempt 2"));
    CHECK(contains(demo.out, "(first pass)"));
    CHECK(contains(demo.out, "[PASS] 6. Photo of the front, screen lit on white"));
}

TEST_CASE("demo refuses to reuse an existing store", "[sqlite]") {
    StationCli cli;
    cli.prepare();
    auto demo = cli.run({"demo"});
    CHECK(demo.exit_code == 2);
    CHECK(contains(demo.err, "needs a fresh store"));
}

TEST_CASE("intake on a real store: receive, duplicate, unknown, damaged") {
    StationCli cli;
    cli.add_people();
    CHECK(contains(cli.import_rmas().out, "6 RMAs: 6 added"));
    auto intake = cli.run({"intake", "--operator", k_warehouse_badge, "SF1402398761234",
                           "490154203237518", "SF1402398761234", "3318810025"});
    INFO(intake.out << intake.err);
    CHECK(intake.exit_code == 0);
    CHECK(contains(intake.out, "received"));
    CHECK(contains(intake.out, "identity_confirmed"));
    CHECK(contains(intake.out, "already_received"));
    CHECK(contains(intake.out, "arrival"));

    auto damaged = cli.run({"intake", "--operator", k_warehouse_badge, "1Z999AA10123456785"});
    CHECK(damaged.exit_code == 3);
    CHECK(contains(damaged.out, "rejected"));

    auto list = cli.run({"orders", "list"});
    CHECK(list.exit_code == 0);
    CHECK(contains(list.out, "RMA-26110001X"));
    std::istringstream lines(list.out);
    std::string line;
    int orders = 0;
    while (std::getline(lines, line))
        orders += contains(line, "RO-") ? 1 : 0;
    CHECK(orders == 1);

    auto number = rs::labels::make_own_id(rs::labels::CodeKind::RepairOrder, "000001");
    auto show = cli.run({"orders", "show", number});
    CHECK(show.exit_code == 0);
    CHECK(contains(show.out, "深圳市"));
    CHECK(contains(show.out, "intake.received"));

    auto arrivals = cli.run({"arrivals", "list"});
    CHECK(contains(arrivals.out, "3318810025"));
}

TEST_CASE("intake reads scans from standard input with GS escapes") {
    StationCli cli;
    cli.prepare();
    auto intake = cli.run({"intake", "--json", "-"},
                          k_warehouse_badge + "\n42090210<GS>9400100000000000000006\n");
    INFO(intake.out << intake.err);
    CHECK(intake.exit_code == 0);
    std::istringstream lines(intake.out);
    std::string first, second;
    std::getline(lines, first);
    std::getline(lines, second);
    CHECK(nlohmann::json::parse(first)["outcome"] == "operator_changed");
    auto received = nlohmann::json::parse(second);
    CHECK(received["outcome"] == "received");
    CHECK(received["scan"] == "42090210<GS>9400100000000000000006");
}

TEST_CASE("intake without an operator says how to give one") {
    StationCli cli;
    cli.prepare();
    auto intake = cli.run({"intake", "SF1402398761234"}, "", {"STATION_OPERATOR="});
    CHECK(intake.exit_code == 2);
    CHECK(contains(intake.err, "who is acting? give --operator BADGE"));
    auto orders = cli.run({"orders", "list"});
    CHECK(contains(orders.out, "no repair orders"));
}

TEST_CASE("a refused move exits 2 with the reason and changes nothing") {
    StationCli cli;
    cli.prepare();
    REQUIRE(cli.run({"intake", "--operator", k_warehouse_badge, "SF1402398761234"}).exit_code == 0);
    auto number = rs::labels::make_own_id(rs::labels::CodeKind::RepairOrder, "000001");
    auto move = cli.run({"orders", "move", number, "in_repair", "--operator", k_warehouse_badge});
    CHECK(move.exit_code == 2);
    CHECK(contains(move.err, "cannot move to in_repair"));
    auto show = cli.run({"orders", "show", number, "--json"});
    CHECK(nlohmann::json::parse(show.out)["state"] == "received");
}

TEST_CASE("station code explains each scan as JSON") {
    auto code =
        run_station({"code", "1Z999AA10123456784", "1Z999AA10123456785", "490154203237518"});
    INFO(code.out);
    CHECK(code.exit_code == 3);  // one of them is invalid
    std::istringstream lines(code.out);
    std::string line;
    std::vector<nlohmann::json> objects;
    while (std::getline(lines, line))
        objects.push_back(nlohmann::json::parse(line));
    REQUIRE(objects.size() == 3);
    CHECK(objects[0]["readings"][0]["kind"] == "tracking");
    CHECK(objects[0]["readings"][0]["valid"] == true);
    CHECK(objects[1]["readings"][0]["valid"] == false);
    CHECK(contains(objects[1]["readings"][0]["why"].get<std::string>(), "check digit"));
    bool imei = false;
    for (const auto& reading : objects[2]["readings"])
        imei = imei || reading["kind"] == "imei";
    CHECK(imei);
}

TEST_CASE("a bad import file imports nothing and says where the problem is") {
    StationCli cli;
    cli.prepare();
    std::string path = cli.file("bad.json");
    std::ofstream(path) << R"({"rmas": [{"id": "x", "number": "RMA-1", "type": "repair"}]})";
    auto imported = cli.run({"rma", "import", path});
    CHECK(imported.exit_code == 2);
    CHECK(contains(imported.err, "RMA #1 (RMA-1)"));
    CHECK(contains(imported.err, "nothing was imported"));
    auto missing = cli.run({"rma", "import", cli.file("absent.json")});
    CHECK(missing.exit_code == 2);
}

TEST_CASE("a store from a newer version is refused by every command", "[sqlite]") {
    StationCli cli;
    cli.prepare();
    auto sqlite = rs::test::run_process(
        {"/usr/bin/sqlite3", cli.db(),
         "INSERT INTO schema_migrations VALUES ('station', 99, 'future', 0)"});
    REQUIRE(sqlite.exit_code == 0);
    auto list = cli.run({"orders", "list"});
    CHECK(list.exit_code == 1);
    CHECK(contains(list.err, "newer Repair Station"));
}

TEST_CASE("operators set-pin reads the PIN from standard input and stores only its hash") {
    StationCli cli;
    cli.prepare();
    auto set = cli.run({"operators", "set-pin", k_warehouse_badge}, "739104\n");
    INFO(set.out << set.err);
    CHECK(set.exit_code == 0);
    CHECK(contains(set.out, "PIN set for " + k_warehouse_badge));
    CHECK(cli.count("operator_pins") == 2);  // the technician's, set by prepare()
    CHECK(cli.texts("SELECT hash FROM operator_pins").front().size() == 64);
    // The PIN is nowhere in the store: not in the hash row, not in the audit log.
    std::ifstream file(cli.db(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("739104") == std::string::npos);
    CHECK_FALSE(contains(set.out + set.err, "739104"));
    auto short_pin = cli.run({"operators", "set-pin", k_warehouse_badge}, "12\n");
    CHECK(short_pin.exit_code == 2);
    CHECK(contains(short_pin.err, "4 to 12 digits"));
    auto unknown = cli.run({"operators", "set-pin", "OP-0999X"}, "1234\n");
    CHECK(unknown.exit_code != 0);
    CHECK(contains(unknown.err, "unknown operator"));
}
