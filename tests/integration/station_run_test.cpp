// `station run` with the simulated scanner: scripted scans become repair orders in the store.
#include <catch2/catch.hpp>

#include <fstream>

#include "labels/code_grammar.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

struct Station {
    rs::test::TempDir dir;
    std::string db = dir.file("station.db");
    std::string config = dir.file("station.toml");
    std::string badge = rs::labels::make_own_id(rs::labels::CodeKind::OperatorBadge, "7001");

    rs::test::ProcessResult run(std::vector<std::string> args) {
        args.insert(args.begin(), STATION_BINARY);
        args.insert(args.end(), {"--db", db, "--config", config});
        return rs::test::run_process(args);
    }
    void write_config(const std::string& text) { std::ofstream(config) << text; }
    void prepare() {
        write_config("");
        REQUIRE(
            run({"init", "--operator", badge, "--name", "Wang", "--role", "warehouse"}).exit_code ==
            0);
        REQUIRE(run({"rma", "import", std::string(EXAMPLES_DIR) + "/demo-rmas.json"}).exit_code ==
                0);
    }
};

}  // namespace

TEST_CASE("station run with the simulated scanner turns scripted scans into repair orders") {
    Station station;
    station.prepare();
    // The badge is scanned first: that is how a person logs in at the bench.
    station.write_config(
        "[[scanners.device]]\n"
        "name = \"intake\"\n"
        "driver = \"simulated\"\n"
        "interval_ms = 5\n"
        "scans = [\"" +
        station.badge +
        "\", \"SF1402398761234\", \"490154203237518\", "
        "\"SF1402398761234\"]\n");
    auto run = station.run({"run", "--until-idle"});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "sim:intake: connected"));
    CHECK(contains(run.out, "received"));
    CHECK(contains(run.out, "identity_confirmed"));
    CHECK(contains(run.out, "already_received"));
    CHECK(contains(run.out, "station run: stopped"));

    auto orders = station.run({"orders", "list"});
    CHECK(orders.exit_code == 0);
    CHECK(contains(orders.out, "RMA-26110001X"));
}

TEST_CASE("station run without configured scanners says what to add") {
    Station station;
    station.prepare();
    auto run = station.run({"run"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "[[scanners.device]]"));
}

TEST_CASE("station run refuses an unknown scanner driver") {
    Station station;
    station.prepare();
    station.write_config("[[scanners.device]]\ndriver = \"telepathy\"\n");
    auto run = station.run({"run"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "telepathy"));
}

TEST_CASE("station devices list works with no USB devices and says so") {
    auto list = rs::test::run_process({STATION_BINARY, "devices", "list"});
    INFO(list.out << list.err);
    CHECK(list.exit_code == 0);
    // This machine has no USB bus; on one with devices each line names a driver or none.
    CHECK((contains(list.out, "no USB devices found") || contains(list.out, "driver")));
}
