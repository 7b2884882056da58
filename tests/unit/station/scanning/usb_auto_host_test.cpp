// Tests of taking known USB scanners without configuration, on a fake bus.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>

#include "devices/scanner/usb_scanner.h"
#include "station/scanning/usb_auto_host.h"

using namespace rs;
using namespace rs::devices;
using namespace rs::station;

namespace {

UsbDeviceInfo device(std::uint16_t vendor, std::uint16_t product, std::uint8_t bus,
                     std::string serial) {
    UsbDeviceInfo info;
    info.vendor_id = vendor;
    info.product_id = product;
    info.bus = bus;
    info.address = 7;
    info.port_path = std::to_string(bus) + "-1.4";
    info.serial = std::move(serial);
    return info;
}

}  // namespace

TEST_CASE("known USB scanners are handed over once, unknown and configured ones never") {
    auto context = UsbContext::create();
    REQUIRE(context);
    const UsbDeviceInfo newland = device(0x1eab, 0x1d10, 1, "NL-77");   // FM430, HID POS mode
    const UsbDeviceInfo honeywell = device(0x0c2e, 0x0b81, 1, "HW-1");  // configured below
    const UsbDeviceInfo mouse = device(0x046d, 0xc52b, 1, "");
    const UsbDeviceInfo newland_serial_mode = device(0x1eab, 0x1d06, 1, "NL-78");
    std::vector<std::vector<UsbDeviceInfo>> bus{
        {newland, honeywell, mouse, newland_serial_mode},
        {honeywell, mouse},                           // the Newland is unplugged...
        {device(0x1eab, 0x1d10, 2, "NL-77"), mouse},  // ...and back, on another bus
    };
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t listed = 0;
    std::vector<ConfiguredScanner> handed;
    UsbAutoHost host(
        *context,
        [&]() -> Result<std::vector<UsbDeviceInfo>> {
            std::lock_guard lock(mutex);
            auto now = bus[std::min(listed, bus.size() - 1)];
            ++listed;
            changed.notify_all();
            return now;
        },
        {UsbMatch{0x0c2e, 0x0b81, "HW-1", ""}}, 5,
        [&](ConfiguredScanner scanner) {
            std::lock_guard lock(mutex);
            handed.push_back(std::move(scanner));
            changed.notify_all();
        },
        [](const Error&) {});
    host.start();
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return listed > 4; }));
    }
    host.stop();
    REQUIRE(handed.size() == 1);
    CHECK(handed[0].name == "Newland FM430 (HID POS)");
    CHECK(handed[0].role == ScannerRole::Intake);
    CHECK(handed[0].scanner->source() == "usb:1eab:1d10/NL-77");
    const auto* usb = dynamic_cast<const UsbScanner*>(handed[0].scanner.get());
    REQUIRE(usb);
    CHECK(usb->match().serial == "NL-77");
    CHECK(usb->match().port_path.empty());  // found again on any port by its serial
}
