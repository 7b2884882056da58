// UsbScanner: a USB scanner read through libusb, as a boot keyboard or as a HID POS device.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "devices/scanner/hid_pos_protocol.h"
#include "devices/scanner/keyboard_protocol.h"
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
    int rescan_interval_ms = 1000;  // no udev in containers: look for the device periodically
};

class UsbScanner : public ThreadedScanner {
public:
    UsbScanner(std::shared_ptr<UsbContext> context, UsbScannerOptions options);
    ~UsbScanner() override;

private:
    void run() override;
    void on_report(std::span<const std::uint8_t> report);
    void deliver(std::vector<Result<Scan>> results);

    std::shared_ptr<UsbContext> m_context;
    UsbScannerOptions m_options;
    std::mutex m_decode_mutex;  // reports arrive on libusb's thread, timeouts on ours
    KeyboardDecoder m_keyboard;
    std::unique_ptr<HidPosDecoder> m_hid_pos;
    std::atomic<bool> m_gone{false};
};

}  // namespace rs::devices
