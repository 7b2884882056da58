// Tests of the scanner factory: each driver of the table from its settings, working where it can
// run here (a pseudo-terminal, a FIFO, the script), and a clear message for each mistake.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/input.h>
#include <pty.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "devices/scanner/device_file_scanner.h"
#include "devices/scanner/scanner_factory.h"
#include "devices/scanner/serial_scanner.h"
#include "devices/scanner/simulated_scanner.h"
#include "devices/scanner/usb_scanner.h"
#include "scanner_test_support.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::devices;

namespace {

std::unique_ptr<Scanner> made(const ScannerSpec& spec) {
    auto scanner = make_scanner(spec);
    INFO(spec.driver << ": " << (scanner ? "" : scanner.error().message));
    REQUIRE(scanner);
    return std::move(*scanner);
}

std::string refused(const ScannerSpec& spec) {
    auto scanner = make_scanner(spec);
    REQUIRE_FALSE(scanner);
    CHECK(scanner.error().code == ErrorCode::Invalid);
    return scanner.error().message;
}

}  // namespace

TEST_CASE("scanner factory: serial settings reach the driver (a LF suffix, on a real pty)") {
    int master = -1, slave = -1;
    char name[256];
    REQUIRE(openpty(&master, &slave, name, nullptr, nullptr) == 0);
    auto scanner = made({"serial", "bench", {{"path", std::string(name)}, {"suffix", "lf"}}});
    CHECK(dynamic_cast<SerialScanner*>(scanner.get()));
    CHECK(scanner->source() == std::string("serial:") + name);
    test::ScannerCollector got;
    REQUIRE(scanner->open(got.callbacks()));
    std::string bytes = "SF1402398761234\n";
    REQUIRE(write(master, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    REQUIRE(got.wait([&] { return !got.scans.empty(); }));
    scanner->close();
    close(master);
    close(slave);
    CHECK(got.scans[0].text == "SF1402398761234");
}

TEST_CASE("scanner factory: evdev with a German layout types z for the key marked Y") {
    test::TempDir dir;
    std::string path = dir.file("event-kbd");
    REQUIRE(mkfifo(path.c_str(), 0600) == 0);
    int writer = ::open(path.c_str(), O_RDWR | O_NONBLOCK);  // keeps the FIFO open for reads
    REQUIRE(writer >= 0);
    // grab = false: EVIOCGRAB needs a real evdev node.
    auto scanner = made({"evdev", "bench", {{"path", path}, {"layout", "de"}, {"grab", false}}});
    CHECK(dynamic_cast<EvdevScanner*>(scanner.get()));
    test::ScannerCollector got;
    REQUIRE(scanner->open(got.callbacks()));
    std::vector<input_event> events = test::key_presses({KEY_Y, KEY_ENTER});
    std::size_t size = events.size() * sizeof(input_event);
    REQUIRE(write(writer, events.data(), size) == static_cast<ssize_t>(size));
    REQUIRE(got.wait([&] { return !got.scans.empty(); }));
    scanner->close();
    ::close(writer);
    CHECK(got.scans[0].text == "z");
}

TEST_CASE("scanner factory: hidraw, usb and simulated rows build their drivers") {
    auto hidraw =
        made({"hidraw", "desk", {{"path", "/dev/hidraw3"}, {"hid_pos_layout", "honeywell"}}});
    CHECK(dynamic_cast<HidrawScanner*>(hidraw.get()));
    CHECK(hidraw->source() == "hidraw:/dev/hidraw3");

    auto usb =
        made({"usb", "desk", {{"path", "0c2e:0b61"}, {"serial", "17213B3C4D"}, {"port", "1-2.3"}}});
    const auto* usb_scanner = dynamic_cast<UsbScanner*>(usb.get());
    REQUIRE(usb_scanner);
    CHECK(usb_scanner->match().vendor_id == 0x0c2e);
    CHECK(usb_scanner->match().product_id == 0x0b61);
    CHECK(usb_scanner->match().serial == "17213B3C4D");
    CHECK(usb_scanner->match().port_path == "1-2.3");

    auto simulated = made({"simulated",
                           "intake",
                           {{"scans", std::vector<std::string>{"SF1402398761234", "RMA-1"}},
                            {"interval_ms", std::int64_t{1}}}});
    CHECK(simulated->source() == "sim:intake");
    test::ScannerCollector got;
    REQUIRE(simulated->open(got.callbacks()));
    REQUIRE(got.wait([&] { return simulated->state() == ScannerState::Finished; }));
    simulated->close();
    REQUIRE(got.scans.size() == 2);
    CHECK(got.scans[1].text == "RMA-1");
}

TEST_CASE("scanner factory: mistakes name the setting; an unknown driver lists the drivers") {
    const std::pair<ScannerSpec, std::string> mistakes[] = {
        {{"serial", "a", {}}, "needs path = \"/dev/...\""},
        {{"serial", "a", {{"path", "/dev/ttyACM0"}, {"baud", "fast"}}},
         "baud must be a whole number"},
        {{"serial", "a", {{"path", "/dev/ttyACM0"}, {"suffix", "tab"}}},
         "suffix must be cr, lf, crlf or none"},
        {{"evdev", "a", {{"path", "/dev/input/event3"}, {"layout", "jp"}}},
         "layout must be us, de or fr"},
        {{"evdev", "a", {{"path", "/dev/input/event3"}, {"terminator", "space"}}},
         "terminator must be enter or tab"},
        {{"evdev", "a", {{"path", "/dev/input/event3"}, {"grab", "yes"}}},
         "grab must be true or false"},
        {{"hidraw", "a", {{"path", "/dev/hidraw0"}, {"hid_pos_layout", "zebra"}}},
         "hid_pos_layout must be honeywell or newland"},
        {{"simulated", "a", {{"scans", "SF1"}}}, "scans must be a list of strings"},
    };
    for (const auto& [spec, message] : mistakes)
        CHECK(refused(spec) == message);
    CHECK(refused({"usb", "a", {{"path", "scanner"}}}).find("VID:PID") != std::string::npos);

    std::string unknown = refused({"telepathy", "a", {}});
    CHECK(unknown.find("\"telepathy\" is unknown") != std::string::npos);
    for (const auto& driver : scanner_drivers()) {
        INFO(driver.name);
        CHECK(unknown.find(std::string(driver.name) + " (" + std::string(driver.description)) !=
              std::string::npos);
    }
}

TEST_CASE("scanner factory: every setting a driver reads is listed once") {
    auto names = scanner_setting_names();
    for (const char* setting : {"path", "serial", "port", "baud", "suffix", "timeout_ms", "layout",
                                "terminator", "max_key_gap_ms", "min_length", "grab",
                                "hid_pos_layout", "scans", "interval_ms", "input"})
        CHECK(std::count(names.begin(), names.end(), setting) == 1);
    CHECK(names.size() == 15);
}
