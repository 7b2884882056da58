// UsbInterruptReader: claims one interface of a USB device and reads its interrupt-IN endpoint.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_context.h"
#include "devices/transport/usb_device_info.h"

struct libusb_device_handle;
struct libusb_transfer;

namespace rs::devices {

struct UsbMatch {
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::string serial;     // empty: any
    std::string port_path;  // empty: any
    bool matches(const UsbDeviceInfo& device) const;
};

// One asynchronous interrupt-IN transfer kept in flight; its completions (and so the report and
// gone handlers) run on the context's event thread. The kernel driver (usbhid) is detached
// while we hold the interface and re-attached on close, so the device types into the desktop
// again once the station lets go.
class UsbInterruptReader {
public:
    using ReportHandler = std::function<void(std::span<const std::uint8_t>)>;
    using GoneHandler = std::function<void(const Error&)>;

    explicit UsbInterruptReader(UsbContext& context) : m_context(&context) {}
    ~UsbInterruptReader();
    UsbInterruptReader(const UsbInterruptReader&) = delete;
    UsbInterruptReader& operator=(const UsbInterruptReader&) = delete;

    // Finds the first device matching `match`, claims `interface_number`, starts reading.
    Status open(const UsbMatch& match, int interface_number, ReportHandler on_report,
                GoneHandler on_gone);
    // Cancels the transfer and waits for the event thread to hand it back. Never call it from
    // a report or gone handler: those run on the event thread it waits for.
    void close();
    bool is_open() const { return m_handle != nullptr; }

    // A synchronous control transfer from the device on the default pipe (USB 2.0 section 9.3),
    // e.g. GET_DESCRIPTOR of the interface's HID report descriptor. Call it from the reader's
    // owner thread, never from a handler.
    Result<std::vector<std::uint8_t>> control_in(std::uint8_t request_type, std::uint8_t request,
                                                 std::uint16_t value, std::uint16_t index,
                                                 std::uint16_t max_length, unsigned timeout_ms);
    int interface_number() const { return m_interface; }

private:
    static void on_transfer(libusb_transfer* transfer);
    bool wait_for_transfer_end();

    UsbContext* m_context;
    libusb_device_handle* m_handle = nullptr;
    libusb_transfer* m_transfer = nullptr;
    int m_interface = 0;
    bool m_detached = false;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_transfer_active{false};
    std::unique_ptr<std::uint8_t[]> m_buffer;
    ReportHandler m_on_report;
    GoneHandler m_on_gone;
};

}  // namespace rs::devices
