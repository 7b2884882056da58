// UsbScanner: a USB scanner read through libusb, as a boot keyboard or as a HID POS device.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "devices/scanner/hid_report_decoder.h"
#include "devices/scanner/threaded_scanner.h"
#include "devices/transport/usb_context.h"
#include "devices/transport/usb_interrupt_reader.h"

namespace rs::devices {

struct UsbScannerOptions {
    UsbMatch match;
    int interface_number = 0;
    std::string hid_pos_layout;  // empty: boot keyboard reports
    KeyboardOptions keyboard;
    std::int64_t code_timeout_ms = 500;
    // Looks for the device this often even with hotplug events: an arrival can be announced
    // before udev has given us permission to open it, and containers have no events at all.
    int rescan_interval_ms = 1000;
};

class UsbScanner : public ThreadedScanner {
public:
    UsbScanner(std::shared_ptr<UsbContext> context, UsbScannerOptions options);
    ~UsbScanner() override;
    const UsbMatch& match() const { return m_options.match; }

private:
    void run() override;
    void check_interface_kind(UsbInterruptReader& reader);
    void on_report(std::span<const std::uint8_t> report);
    void deliver(std::vector<Result<Scan>> results);

    std::shared_ptr<UsbContext> m_context;
    UsbScannerOptions m_options;
    std::mutex m_decode_mutex;  // reports arrive on the event thread, timeouts on ours
    HidReportDecoder m_decoder;
    std::atomic<bool> m_gone{false};
    std::atomic<bool> m_plug_changed{false};  // set by hotplug: look for the device now
};

}  // namespace rs::devices
