// Tests of hotplug tracking with a fake transport's listings: arrive, leave, return on a new bus.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>

#include "devices/scanner/scanner_models.h"
#include "devices/scanner/usb_scanner.h"
#include "devices/transport/device_tracker.h"
#include "devices/transport/usb_context.h"
#include "usb_device_fixture.h"

using namespace rs::devices;
using rs::test::scanner_at;

TEST_CASE("hotplug: arrive, leave, arrive again with a new bus number") {
    DeviceTracker tracker;
    auto first = tracker.update({scanner_at(1, 5, "17213B3C4D")});
    REQUIRE(first.size() == 1);
    CHECK(first[0].event == PlugEvent::Arrived);

    CHECK(tracker.update({scanner_at(1, 5, "17213B3C4D")}).empty());  // a rescan: no change

    auto gone = tracker.update({});
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].event == PlugEvent::Left);

    auto back = tracker.update({scanner_at(3, 9, "17213B3C4D")});
    REQUIRE(back.size() == 1);
    CHECK(back[0].event == PlugEvent::Returned);
    CHECK(back[0].device.bus == 3);
    CHECK(tracker.present().size() == 1);
}

TEST_CASE("hotplug: without a serial the port chain names the device, not the bus") {
    DeviceTracker tracker;
    tracker.update({scanner_at(1, 5, "")});
    tracker.update({});
    auto back = tracker.update({scanner_at(2, 7, "")});
    REQUIRE(back.size() == 1);
    CHECK(back[0].event == PlugEvent::Returned);
    // A second scanner without serial on another port is another device.
    auto other = scanner_at(2, 8, "");
    other.port_path = "2-4";
    auto more = tracker.update({scanner_at(2, 7, ""), other});
    REQUIRE(more.size() == 1);
    CHECK(more[0].event == PlugEvent::Arrived);
}

TEST_CASE("known scanner models: exact rows before vendor-wide rows") {
    const ScannerModel* exact = find_scanner_model(0x1eab, 0x1d10);  // Newland FM430, HID POS
    REQUIRE(exact);
    CHECK(exact->driver == "usb-hid-pos");
    CHECK(exact->options == "hid_pos_layout=newland");
    const ScannerModel* same_engine_as_keyboard = find_scanner_model(0x1eab, 0x1d03);
    REQUIRE(same_engine_as_keyboard);
    CHECK(same_engine_as_keyboard->driver == "usb-keyboard");
    const ScannerModel* vendor = find_scanner_model(0x0c2e, 0x1234);
    REQUIRE(vendor);
    CHECK(vendor->product_id == 0);
    CHECK_FALSE(find_scanner_model(0x046d, 0xc52b));  // a mouse receiver
}

TEST_CASE("the udev rules give access to every vendor of the scanner table") {
    std::ifstream file(UDEV_RULES);
    REQUIRE(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(file, line);)
        if (!line.starts_with("#")) lines.push_back(line);
    auto covered = [&](const std::string& node, const std::string& vendor) {
        for (const auto& line : lines)
            if (line.find(node) != std::string::npos && line.find(vendor) != std::string::npos)
                return true;
        return false;
    };
    for (const auto& model : scanner_models()) {
        char vendor[5];
        std::snprintf(vendor, sizeof(vendor), "%04x", model.vendor_id);
        INFO(model.maker << " " << model.model << " " << vendor);
        CHECK(covered("SUBSYSTEM==\"usb\"", vendor));  // libusb
        CHECK(covered("KERNEL==\"hidraw*\"", vendor));
        CHECK(covered("KERNEL==\"event*\"", vendor));  // evdev
    }
}

TEST_CASE("libusb initialises and enumerates, even with no USB bus") {
    auto context = UsbContext::create();
    REQUIRE(context);
    auto devices = (*context)->enumerate();
    REQUIRE(devices);  // an empty list on a machine without USB is fine
}

TEST_CASE("USB scanner that is not plugged in is reported as disconnected, not fatal") {
    auto context = UsbContext::create();
    REQUIRE(context);
    UsbScannerOptions options;
    options.match = {0x0c2e, 0x0b61, "NOT-PLUGGED", ""};
    options.rescan_interval_ms = 50;
    UsbScanner scanner(*context, options);
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<rs::Error> errors;
    ScannerCallbacks callbacks;
    callbacks.on_error = [&](const rs::Error& error) {
        std::lock_guard lock(mutex);
        errors.push_back(error);
        changed.notify_all();
    };
    REQUIRE(scanner.open(callbacks));
    {
        std::unique_lock lock(mutex);
        REQUIRE(changed.wait_for(lock, std::chrono::seconds(20), [&] { return !errors.empty(); }));
        CHECK(errors.front().code == rs::ErrorCode::NotFound);
    }
    CHECK(scanner.state() == ScannerState::Disconnected);
    scanner.close();
    CHECK(scanner.source() == "usb:0c2e:0b61/NOT-PLUGGED");
}
