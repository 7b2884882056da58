// `station run` refusing what it cannot run, and stopping cleanly on SIGTERM. What it prints for
// scripted scans is in tests/scenarios/.
#include <catch2/catch.hpp>

#include <csignal>

#include "tests/support/background_process.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using rs::test::contains;
using rs::test::StationCli;

namespace {

// `station ARGS` on a prepared store with `config`: refused as bad input, saying `why`.
void check_refused(const std::string& config, const std::vector<std::string>& args,
                   const std::string& why) {
    StationCli station;
    station.prepare();
    station.write_config(config);
    auto run = station.run(args);
    INFO(run.out << run.err);
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, why));
}

// Starts `station run` on a prepared store with `config`, waits until its output shows `ready`,
// sends SIGTERM and returns what it printed and how it ended.
rs::test::ProcessResult run_then_terminate(const std::string& config, const std::string& ready) {
    StationCli station;
    station.prepare();
    // Any free port for the web UI: tests run side by side.
    station.write_config(config + "\n[web]\nport = 0\n");
    rs::test::BackgroundProcess run(station.argv({"run"}), station.file("run"));
    CHECK(run.wait_for_output(ready, 30s));
    return run.stop(SIGTERM);
}

}  // namespace

TEST_CASE("station run refuses an unknown scanner role") {
    check_refused("[[scanners.device]]\nrole = \"cashier\"\ndriver = \"simulated\"\n", {"run"},
                  "role \"cashier\" is unknown");
}

TEST_CASE("station run --until-idle refuses a real scanner instead of waiting forever") {
    check_refused(
        "[[scanners.device]]\nname = \"bench\"\ndriver = \"serial\"\n"
        "path = \"/nonexistent/ttyACM7\"\n",
        {"run", "--until-idle"}, "scanner \"bench\" is a real one");
}

TEST_CASE("station run without scanners, and without taking USB ones, says what to add") {
    check_refused("[scanners]\nauto_usb = false\n", {"run"}, "[[scanners.device]]");
}

TEST_CASE("station run refuses an unknown scanner driver") {
    check_refused("[[scanners.device]]\ndriver = \"telepathy\"\n", {"run"}, "telepathy");
}

TEST_CASE("station devices list works with no USB devices and says so") {
    auto list = rs::test::run_station({"devices", "list"});
    INFO(list.out << list.err);
    CHECK(list.exit_code == 0);
    // This machine has no USB bus; on one with devices each line names a driver or none.
    CHECK((contains(list.out, "no USB devices found") || contains(list.out, "driver")));
}

TEST_CASE("station run refuses a USB scanner named without VID:PID") {
    check_refused("[[scanners.device]]\ndriver = \"usb\"\npath = \"scanner\"\n", {"run"},
                  "VID:PID");
}

TEST_CASE("station run keeps going with an absent scanner and stops cleanly on SIGTERM") {
    // The absent scanner reported means the process is in its loop.
    auto run = run_then_terminate("[scanners]\noperator = \"" + rs::test::k_warehouse_badge +
                                      "\"\n[[scanners.device]]\nname = \"bench\"\n"
                                      "driver = \"serial\"\npath = \"/nonexistent/ttyACM7\"\n",
                                  "disconnected");
    INFO(run.out << run.err);
    CHECK(contains(run.out, "serial:/nonexistent/ttyACM7: disconnected"));
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "station run: stopped"));
}

TEST_CASE("station run with nothing configured waits for known USB scanners") {
    auto run = run_then_terminate("", "Ctrl+C stops");
    INFO(run.out << run.err);
    CHECK(contains(run.out, "known USB scanners are taken when plugged in"));
    CHECK(contains(run.out, "station run: 0 scanner(s) started"));
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "station run: stopped"));
}
