// `station run` with the simulated scanner: scripted scans become repair orders in the store.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "labels/codes/code_grammar.h"
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

TEST_CASE("station run: a lookup scanner explains its scans and changes nothing") {
    Station station;
    station.prepare();
    station.write_config("[scanners]\noperator = \"" + station.badge +
                         "\"\n"
                         "[[scanners.device]]\nname = \"desk\"\nrole = \"lookup\"\n"
                         "driver = \"simulated\"\ninterval_ms = 5\n"
                         "scans = [\"SF1402398761234\", \"1Z999AA10123456785\"]\n");
    auto run = station.run({"run", "--until-idle"});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 0);
    CHECK(contains(run.out, "desk (lookup): sim:desk"));
    CHECK(contains(run.out, "sim:desk: SF1402398761234: tracking"));
    CHECK(contains(run.out, "sim:desk: 1Z999AA10123456785: invalid tracking"));
    auto orders = station.run({"orders", "list"});
    CHECK(orders.exit_code == 0);
    CHECK_FALSE(contains(orders.out, "RMA-26110001X"));  // the parcel was not received
}

TEST_CASE("station run refuses an unknown scanner role") {
    Station station;
    station.prepare();
    station.write_config("[[scanners.device]]\nrole = \"cashier\"\ndriver = \"simulated\"\n");
    auto run = station.run({"run"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "role \"cashier\" is unknown"));
}

TEST_CASE("station run --until-idle refuses a real scanner instead of waiting forever") {
    Station station;
    station.prepare();
    station.write_config(
        "[[scanners.device]]\nname = \"bench\"\ndriver = \"serial\"\n"
        "path = \"/nonexistent/ttyACM7\"\n");
    auto run = station.run({"run", "--until-idle"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "scanner \"bench\" is a real one"));
}

TEST_CASE("station run without scanners, and without taking USB ones, says what to add") {
    Station station;
    station.prepare();
    station.write_config("[scanners]\nauto_usb = false\n");
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

TEST_CASE("station run refuses a USB scanner named without VID:PID") {
    Station station;
    station.prepare();
    station.write_config("[[scanners.device]]\ndriver = \"usb\"\npath = \"scanner\"\n");
    auto run = station.run({"run"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "VID:PID"));
}

// Starts `station run`, waits until its output shows `ready`, sends SIGTERM and collects the
// rest: the exit status and everything printed.
struct StoppedRun {
    int exit_status = -1;
    std::string out;
};

StoppedRun run_then_terminate(Station& station, const std::string& ready) {
    int out[2];
    REQUIRE(pipe(out) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        dup2(out[1], 1);
        ::close(out[0]);
        execl(STATION_BINARY, STATION_BINARY, "run", "--db", station.db.c_str(), "--config",
              station.config.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    ::close(out[1]);
    StoppedRun result;
    char buffer[512];
    while (!contains(result.out, ready)) {
        ssize_t got = read(out[0], buffer, sizeof(buffer));
        if (got <= 0) break;
        result.out.append(buffer, static_cast<std::size_t>(got));
    }
    kill(child, SIGTERM);
    ssize_t got;
    while ((got = read(out[0], buffer, sizeof(buffer))) > 0)
        result.out.append(buffer, static_cast<std::size_t>(got));
    ::close(out[0]);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    return result;
}

TEST_CASE("station run keeps going with an absent scanner and stops cleanly on SIGTERM") {
    Station station;
    station.prepare();
    station.write_config("[scanners]\noperator = \"" + station.badge +
                         "\"\n"
                         "[[scanners.device]]\nname = \"bench\"\ndriver = \"serial\"\n"
                         "path = \"/nonexistent/ttyACM7\"\n");
    // The absent scanner reported means the process is in its loop.
    auto run = run_then_terminate(station, "disconnected");
    INFO(run.out);
    CHECK(contains(run.out, "serial:/nonexistent/ttyACM7: disconnected"));
    CHECK(run.exit_status == 0);
    CHECK(contains(run.out, "station run: stopped"));
}

TEST_CASE("station run with nothing configured waits for known USB scanners") {
    Station station;
    station.prepare();
    auto run = run_then_terminate(station, "Ctrl+C stops");
    INFO(run.out);
    CHECK(contains(run.out, "known USB scanners are taken when plugged in"));
    CHECK(contains(run.out, "station run: 0 scanner(s) started"));
    CHECK(run.exit_status == 0);
    CHECK(contains(run.out, "station run: stopped"));
}
