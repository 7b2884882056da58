// Tests of the USB plug monitor on a fake bus: the first listing, a hotplug nudge, a listing
// error, the periodic rescan, and the hotplug registration on a real libusb context.
#include <catch2/catch.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "devices/transport/usb_plug_monitor.h"
#include "usb_device_fixture.h"

using namespace rs;
using namespace rs::devices;

using rs::test::scanner_at;

namespace {

// A bus whose listings are scripted, and what the monitor reported from it.
struct FakeBus {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Result<std::vector<UsbDeviceInfo>>> listings;
    std::vector<UsbDeviceInfo> after;  // listed once the script is played
    std::vector<PlugChange> seen;
    std::vector<Error> errors;
    int listed = 0;

    UsbPlugMonitor monitor(std::chrono::milliseconds rescan_interval) {
        return UsbPlugMonitor(
            nullptr, rescan_interval,
            [this](const std::vector<PlugChange>& changes) {
                std::lock_guard lock(mutex);
                seen.insert(seen.end(), changes.begin(), changes.end());
                changed.notify_all();
            },
            [this](const Error& error) {
                std::lock_guard lock(mutex);
                errors.push_back(error);
                changed.notify_all();
            },
            [this]() -> Result<std::vector<UsbDeviceInfo>> {
                std::lock_guard lock(mutex);
                ++listed;
                changed.notify_all();
                if (listings.empty()) return after;
                auto next = listings.front();
                listings.pop_front();
                return next;
            });
    }
    template <class P>
    bool wait(P done) {
        std::unique_lock lock(mutex);
        return changed.wait_for(lock, std::chrono::seconds(20), done);
    }
};

}  // namespace

TEST_CASE("plug monitor: a hotplug nudge lists at once; listing errors are reported") {
    // The rescan interval is an hour, so every listing after the first is one a nudge asked for.
    FakeBus bus;
    bus.listings = {std::vector<UsbDeviceInfo>{scanner_at(1, 4, "S1")},
                    std::vector<UsbDeviceInfo>{}, fail(ErrorCode::Io, "bus went away", "test"),
                    std::vector<UsbDeviceInfo>{scanner_at(3, 9, "S1")}};
    bus.after = {scanner_at(3, 9, "S1")};
    UsbPlugMonitor monitor = bus.monitor(std::chrono::hours(1));
    monitor.start();
    CHECK_FALSE(monitor.has_hotplug_events());  // no libusb context: nudges come from poke()
    REQUIRE(bus.wait([&] { return bus.seen.size() == 1; }));
    CHECK(bus.seen[0].event == PlugEvent::Arrived);
    monitor.poke();
    REQUIRE(bus.wait([&] { return bus.seen.size() == 2; }));
    CHECK(bus.seen[1].event == PlugEvent::Left);
    monitor.poke();
    REQUIRE(bus.wait([&] { return bus.errors.size() == 1; }));
    CHECK(bus.errors[0].message == "bus went away");
    monitor.poke();
    REQUIRE(bus.wait([&] { return bus.seen.size() == 3; }));
    CHECK(bus.seen[2].event == PlugEvent::Returned);
    CHECK(bus.seen[2].device.bus == 3);
    monitor.stop();
    std::lock_guard lock(bus.mutex);
    CHECK(bus.listed == 4);  // no listing without a nudge: the interval never passed
}

TEST_CASE("plug monitor: without any event the rescan finds devices coming and going") {
    FakeBus bus;
    bus.listings = {std::vector<UsbDeviceInfo>{}, std::vector<UsbDeviceInfo>{scanner_at(1, 4, "")},
                    std::vector<UsbDeviceInfo>{}};
    UsbPlugMonitor monitor = bus.monitor(std::chrono::milliseconds(5));
    monitor.start();
    REQUIRE(bus.wait([&] { return bus.seen.size() == 2; }));
    CHECK(bus.seen[0].event == PlugEvent::Arrived);
    CHECK(bus.seen[1].event == PlugEvent::Left);
    monitor.stop();
    int listed = 0;
    {
        std::lock_guard lock(bus.mutex);
        listed = bus.listed;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    std::lock_guard lock(bus.mutex);
    CHECK(bus.listed == listed);  // stopped means stopped
}

TEST_CASE("plug monitor: on a real libusb context it registers for hotplug where libusb can") {
    auto context = UsbContext::create();
    REQUIRE(context);
    UsbPlugMonitor monitor(
        *context, std::chrono::hours(1), [](const std::vector<PlugChange>&) {},
        [](const Error&) {});
    monitor.start();
    CHECK(monitor.has_hotplug_events() == (*context)->has_hotplug());
    monitor.stop();
    CHECK_FALSE(monitor.has_hotplug_events());
}

TEST_CASE("plug monitor: a device still settling arrives once, under the serial it keeps") {
    // Right after a plug, opening a device to read its serial can fail for a moment; named by
    // its port then, it would be another device than the one unplugged.
    UsbDeviceInfo settling = scanner_at(2, 5, "");
    settling.strings_pending = true;
    FakeBus bus;
    bus.listings = {std::vector<UsbDeviceInfo>{settling}, std::vector<UsbDeviceInfo>{settling}};
    bus.after = {scanner_at(2, 5, "S7")};
    // An hour between rescans: only the settling device makes the monitor look again.
    UsbPlugMonitor monitor = bus.monitor(std::chrono::hours(1));
    monitor.start();
    REQUIRE(bus.wait([&] { return bus.seen.size() == 1; }));
    monitor.stop();
    CHECK(bus.seen[0].event == PlugEvent::Arrived);
    CHECK(bus.seen[0].device.serial == "S7");
    std::lock_guard lock(bus.mutex);
    CHECK(bus.listed >= 3);
}

TEST_CASE("plug monitor: a device that never becomes readable is listed by its port in the end") {
    UsbDeviceInfo stuck = scanner_at(2, 5, "");
    stuck.strings_pending = true;
    FakeBus bus;
    bus.after = {stuck};
    UsbPlugMonitor monitor = bus.monitor(std::chrono::hours(1));
    monitor.start();
    REQUIRE(bus.wait([&] { return bus.seen.size() == 1; }));
    monitor.stop();
    CHECK(bus.seen[0].event == PlugEvent::Arrived);
    CHECK(bus.seen[0].device.serial.empty());
}
