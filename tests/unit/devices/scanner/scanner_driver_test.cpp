// Tests of scanner drivers: serial through a real pseudo-terminal pair, the simulated scanner.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/input.h>
#include <pty.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices/scanner/device_file_scanner.h"
#include "devices/scanner/serial_scanner.h"
#include "devices/scanner/simulated_scanner.h"
#include "scanner_test_support.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::devices;

using Collector = rs::test::ScannerCollector;

TEST_CASE("serial scanner through a real pseudo-terminal pair") {
    int master = -1, slave = -1;
    char name[256];
    REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
    SerialScannerOptions options;
    options.path = name;
    options.framing.suffix = SerialSuffix::Cr;
    SerialScanner scanner(options);
    Collector got;
    REQUIRE(scanner.open(got.callbacks()));
    REQUIRE(got.wait([&] { return !got.states.empty(); }));
    CHECK(got.states.front() == ScannerState::Connected);

    std::string bytes =
        "]C1SF1402398761234\r0109501101530003\x1d"
        "10LOT\r";
    REQUIRE(write(master, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    REQUIRE(got.wait([&] { return got.scans.size() == 2; }));
    scanner.close();
    close(master);
    close(slave);

    CHECK(got.scans[0].text == "SF1402398761234");
    CHECK(got.scans[0].symbology == "]C1");
    CHECK(got.scans[0].source == std::string("serial:") + name);
    CHECK(got.scans[1].text ==
          "0109501101530003\x1d"
          "10LOT");
    CHECK(got.errors.empty());
}

TEST_CASE("serial scanner: an absent device is reported, not fatal") {
    SerialScannerOptions options;
    options.path = "/nonexistent/ttyACM9";
    options.reopen_interval_ms = 50;
    SerialScanner scanner(options);
    Collector got;
    REQUIRE(scanner.open(got.callbacks()));
    REQUIRE(got.wait([&] { return !got.errors.empty() && !got.states.empty(); }));
    CHECK(got.states.front() == ScannerState::Disconnected);
    CHECK(got.errors.front().code == ErrorCode::Io);
    scanner.close();
    CHECK(scanner.state() == ScannerState::Closed);
}

TEST_CASE("simulated scanner plays its script, then finishes") {
    SimulatedScanner scanner("intake", {{"SF1402398761234", ""}, {"490154203237518", ""}}, 1);
    Collector got;
    REQUIRE(scanner.open(got.callbacks()));
    REQUIRE(got.wait([&] { return scanner.state() == ScannerState::Finished; }));
    scanner.close();
    REQUIRE(got.scans.size() == 2);
    CHECK(got.scans[0].source == "sim:intake");
    CHECK(got.scans[1].text == "490154203237518");
}

TEST_CASE("evdev scanner reads input_event records from a device node (a FIFO here)") {
    rs::test::TempDir dir;
    std::string path = dir.file("event-kbd");
    REQUIRE(mkfifo(path.c_str(), 0600) == 0);
    int writer = ::open(path.c_str(), O_RDWR | O_NONBLOCK);  // keeps the FIFO open for reads
    REQUIRE(writer >= 0);
    EvdevScannerOptions options;
    options.path = path;
    options.grab = false;  // EVIOCGRAB needs a real evdev node
    EvdevScanner scanner(options);
    Collector got;
    REQUIRE(scanner.open(got.callbacks()));

    std::vector<input_event> events =
        rs::test::key_presses({KEY_R, KEY_M, KEY_A, KEY_1, KEY_ENTER});
    std::size_t size = events.size() * sizeof(input_event);
    REQUIRE(write(writer, events.data(), size) == static_cast<ssize_t>(size));
    REQUIRE(got.wait([&] { return !got.scans.empty(); }));
    scanner.close();
    ::close(writer);
    CHECK(got.scans[0].text == "rma1");
    CHECK(got.scans[0].source == "evdev:" + path);
}
