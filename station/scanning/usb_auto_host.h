// UsbAutoHost: notices known USB scanners nobody configured as they are plugged in.
#pragma once

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "devices/transport/usb_interrupt_reader.h"
#include "devices/transport/usb_plug_monitor.h"
#include "station/scanning/scanner_config.h"

namespace rs::station {

// A technician plugs a scanner in and it works: every device the scanner table knows as a USB
// keyboard or HID POS scanner, and that no configured entry already takes, is handed over once
// as an intake scanner (not yet opened). A scanner unplugged and plugged back is not handed
// over again: its driver takes it back itself.
class UsbAutoHost {
public:
    using OnScanner = std::function<void(ConfiguredScanner)>;  // on the monitor's thread
    using OnError = std::function<void(const Error&)>;

    // `list` is normally context->enumerate; tests give a fake bus.
    UsbAutoHost(std::shared_ptr<devices::UsbContext> context,
                devices::UsbPlugMonitor::ListDevices list,
                std::vector<devices::UsbMatch> configured, int rescan_interval_ms,
                OnScanner on_scanner, OnError on_error);
    ~UsbAutoHost();

    void start();
    void stop();
    bool has_hotplug_events() const { return m_monitor.has_hotplug_events(); }

private:
    void on_changes(const std::vector<devices::PlugChange>& changes);
    bool configured(const devices::UsbDeviceInfo& device) const;

    std::shared_ptr<devices::UsbContext> m_context;
    std::vector<devices::UsbMatch> m_configured;
    OnScanner m_on_scanner;
    std::set<std::string> m_handed_over;  // identities; touched on the monitor's thread only
    devices::UsbPlugMonitor m_monitor;
};

}  // namespace rs::station
