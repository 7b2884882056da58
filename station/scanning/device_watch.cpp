// watch_devices: the configured scanners and one USB plug monitor, their news handed on one at a
// time.
#include "station/scanning/device_watch.h"

#include <mutex>
#include <thread>

#include "devices/transport/usb_plug_monitor.h"

namespace rs::station {

Result<std::vector<devices::UsbDeviceInfo>> list_usb_devices() {
    auto usb = devices::UsbContext::shared();
    if (!usb) return std::unexpected(usb.error());
    return (*usb)->enumerate();
}

Result<std::vector<devices::UsbPrinterFound>> list_usb_printers() {
    auto usb = devices::UsbContext::shared();
    if (!usb) return std::unexpected(usb.error());
    return devices::find_usb_printers(**usb);
}

Status watch_devices(std::vector<ConfiguredScanner>& scanners,
                     std::chrono::milliseconds rescan_interval,
                     const std::function<bool()>& stop_requested,
                     const DeviceWatchCallbacks& callbacks) {
    auto usb = devices::UsbContext::shared();
    if (!usb) return std::unexpected(usb.error());
    std::mutex one_at_a_time;
    auto deliver = [&one_at_a_time](auto&& call) {
        std::lock_guard lock(one_at_a_time);
        call();
    };
    for (auto& configured : scanners) {
        std::string source = configured.scanner->source();
        devices::ScannerCallbacks scanner_callbacks{
            [&](const Scan& scan) { deliver([&] { callbacks.on_scan(scan); }); },
            [&, source](const Error& error) {
                deliver([&] { callbacks.on_error(source, error); });
            },
            [&, source](devices::ScannerState state) {
                deliver([&] { callbacks.on_state(source, state); });
            }};
        if (auto opened = configured.scanner->open(std::move(scanner_callbacks)); !opened)
            deliver([&] { callbacks.on_open_failed(opened.error()); });
    }
    devices::UsbPlugMonitor monitor(
        *usb, rescan_interval,
        [&](const std::vector<devices::PlugChange>& changes) {
            deliver([&] {
                for (const auto& change : changes)
                    callbacks.on_plug(change);
            });
        },
        [&](const Error& error) { deliver([&] { callbacks.on_error("", error); }); });
    // Started under the lock: the first devices listed come after the line saying how they come.
    deliver([&] {
        monitor.start();
        callbacks.on_watching(monitor.has_hotplug_events());
    });
    while (!stop_requested())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    monitor.stop();
    for (auto& configured : scanners)
        configured.scanner->close();
    return {};
}

}  // namespace rs::station
