// The firmware commands of the real `station` program: importing a vendor's file set, flashing
// the simulated device with its record on the order, refusals, Ctrl+C, and a station SIGKILLed
// mid-flash whose order still says the attempt did not finish.
#include <signal.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <memory>

#include "tests/support/background_process.h"
#include "tests/support/firmware_vendor.h"
#include "tests/support/station_cli.h"

using namespace rs;
using test::contains;
using test::k_technician_badge;
using test::k_warehouse_badge;

namespace {

const std::string k_order = "RO-000001O";  // the first order of the demo RMAs' intake

struct FirmwareCli : test::StationCli {
    std::string vendor = file("vendor");

    FirmwareCli() {
        prepare();
        auto intake = run({"intake", "--operator", k_warehouse_badge, "SF1402398761234"});
        INFO(intake.out << intake.err);
        REQUIRE(contains(intake.out, k_order));
        test::write_vendor_files(vendor);
        auto imported = run({"firmware", "import", vendor});
        INFO(imported.out << imported.err);
        REQUIRE(imported.exit_code == 0);
        REQUIRE(contains(imported.out, "2 image(s) added"));
    }

    test::ProcessResult flash(const std::string& device, std::vector<std::string> more = {}) {
        std::vector<std::string> args{"firmware", "flash",      k_order,           "--device",
                                      device,     "--operator", k_technician_badge};
        args.insert(args.end(), more.begin(), more.end());
        return run(args);
    }
    std::string attempts() { return run({"firmware", "attempts", k_order}).out; }

    // A flash of the slow simulated device (about 5 s), left running until a quarter is done.
    std::unique_ptr<test::BackgroundProcess> flash_in_background(const std::string& log) {
        auto station = std::make_unique<test::BackgroundProcess>(
            argv({"firmware", "flash", k_order, "--device", "sim:?poll_ms=20&transfer=256",
                  "--operator", k_technician_badge}),
            file(log));
        REQUIRE(station->wait_for_output("flash  25%", std::chrono::seconds(60)));
        return station;
    }
};

}  // namespace

TEST_CASE("firmware import, list and show", "[firmware]") {
    FirmwareCli cli;
    auto listed = cli.run({"firmware", "list"});
    CHECK(contains(listed.out, "2.0.0"));
    CHECK(contains(listed.out, "Watch 4 rev B"));
    auto shown = cli.run({"firmware", "show", "2.0.0"});
    CHECK(contains(shown.out, "battery gauge fix"));
    CHECK(contains(shown.out, "floor     1.5.0"));
    // Importing again adds nothing.
    auto again = cli.run({"firmware", "import", cli.vendor + "/firmware.json"});
    CHECK(contains(again.out, "0 image(s) added, 2 already known"));
}

TEST_CASE("firmware flash through the simulated device: progress, verification, record",
          "[firmware]") {
    FirmwareCli cli;
    auto flashed = cli.flash("sim:?version=1.0.0&tolerant=1&transfer=4096");
    INFO(flashed.out << flashed.err);
    REQUIRE(flashed.exit_code == 0);
    CHECK(contains(flashed.out, "flash 100% 65536 of 65536 bytes"));
    CHECK(contains(flashed.out, "result   succeeded: flashed 2.0.0, verified by read-back"));
    auto record = cli.attempts();
    CHECK(contains(record, "succeeded  1.0.0 -> 2.0.0  2.0.0"));
    CHECK(contains(record, k_technician_badge));
    auto history = cli.run({"orders", "show", k_order});
    CHECK(contains(history.out, "firmware.flash_finished"));
    CHECK(cli.count("outbox") > 0);
    CHECK(cli.texts("SELECT type FROM outbox WHERE type LIKE 'repair_order.firmware%'").size() ==
          2);
}

TEST_CASE("firmware flash refuses before a byte: wrong model, downgrade", "[firmware]") {
    FirmwareCli cli;
    auto wrong = cli.flash("sim:", {"--image", cli.vendor + "/buds-3.1.0.bin"});
    CHECK(wrong.exit_code == 2);
    CHECK(contains(wrong.err, "wrong model"));
    auto downgrade = cli.flash("sim:?version=2.5.0");
    CHECK(downgrade.exit_code == 2);
    CHECK(contains(downgrade.err, "--allow-downgrade"));
    CHECK(cli.count("firmware_flashes") == 0);
}

TEST_CASE("a device fault ends the command with a clear message and a failed attempt",
          "[firmware][fault]") {
    FirmwareCli cli;
    auto failed = cli.flash("sim:?fault=status&status=errWRITE&block=5&transfer=1024");
    INFO(failed.out << failed.err);
    CHECK(failed.exit_code == 1);
    CHECK(contains(failed.out, "errWRITE"));
    CHECK(contains(failed.out, "DFU_CLRSTATUS sent"));
    CHECK(contains(cli.attempts(), "failed"));
}

TEST_CASE("Ctrl+C during a flash aborts cleanly and records the attempt", "[firmware]") {
    FirmwareCli cli;
    auto station = cli.flash_in_background("interrupted");
    auto ended = station->stop(SIGINT);
    INFO(station->out() << station->err());
    CHECK(ended.exit_code == 1);
    CHECK(contains(station->out(), "result   aborted"));
    CHECK(contains(station->out(), "DFU_ABORT sent"));
    CHECK(contains(cli.attempts(), "aborted"));
}

TEST_CASE("a station SIGKILLed mid-flash leaves 'did not finish' on the order", "[firmware]") {
    FirmwareCli cli;
    auto station = cli.flash_in_background("killed");
    auto killed = station->stop(SIGKILL);
    CHECK(killed.signal == SIGKILL);
    auto record = cli.attempts();
    INFO(record);
    CHECK(contains(record, "did not finish"));
    CHECK(cli.texts("SELECT result FROM firmware_flashes") == std::vector<std::string>{"started"});
    CHECK(cli.texts("SELECT type FROM outbox WHERE type LIKE 'repair_order.firmware%'") ==
          std::vector<std::string>{"repair_order.firmware_flash_started"});
}

TEST_CASE("station demo flashes the watch through the simulated device and records it",
          "[firmware]") {
    test::TempDir dir;
    auto demo = test::run_station({"demo"}, "", {"TMPDIR=" + dir.path().string()});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(contains(demo.out, "below the lowest version allowed on Watch 4 (1.5.0)"));
    CHECK(contains(demo.out, "flash  100%  262144 of 262144 bytes"));
    CHECK(contains(demo.out, "succeeded: flashed 2.1.0, verified by read-back"));
    CHECK(contains(demo.out, "on the order: 1.2.0 -> 2.1.0, image 2.1.0"));
    CHECK(std::filesystem::is_empty(dir.path()));
}
