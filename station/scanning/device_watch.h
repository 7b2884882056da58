// list_usb_devices and watch_devices: what `station devices list|watch` show, the USB devices
// coming and going and what the configured scanners send, without intake.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/printer/usb_printer_probe.h"
#include "devices/transport/device_tracker.h"
#include "station/scanning/scanner_config.h"

namespace rs::station {

// Every USB device on every bus, for `station devices list`; none on a machine without USB.
Result<std::vector<devices::UsbDeviceInfo>> list_usb_devices();

// The USB devices with a printer interface, each with its 1284 id (asked over that interface).
Result<std::vector<devices::UsbPrinterFound>> list_usb_printers();

// Called on the drivers' and the plug monitor's threads, but never two at a time, so a
// receiver may print without a lock of its own.
struct DeviceWatchCallbacks {
    std::function<void(const Error&)> on_open_failed;  // a configured scanner that did not start
    std::function<void(bool hotplug_events)> on_watching;  // the plug monitor has started
    std::function<void(const devices::PlugChange&)> on_plug;
    std::function<void(const Scan&)> on_scan;
    std::function<void(const std::string& source, devices::ScannerState)> on_state;
    // source is the scanner's, or empty when listing the USB devices failed.
    std::function<void(const std::string& source, const Error&)> on_error;
};

// Opens `scanners`, watches USB plugs (hotplug events where libusb has them, and a rescan every
// `rescan_interval`) until `stop_requested()` says so, then closes everything.
Status watch_devices(std::vector<ConfiguredScanner>& scanners,
                     std::chrono::milliseconds rescan_interval,
                     const std::function<bool()>& stop_requested,
                     const DeviceWatchCallbacks& callbacks);

}  // namespace rs::station
