// UsbBulkChannel: claims a USB printer-class interface and moves bytes over its bulk endpoints;
// also reads the IEEE 1284 device id (USB Printer Class 1.1, GET_DEVICE_ID).
#pragma once

#include <string>
#include <string_view>

#include "common/error.h"
#include "devices/transport/usb_context.h"
#include "devices/transport/usb_interrupt_reader.h"

struct libusb_device_handle;

namespace rs::devices {

class UsbBulkChannel {
public:
    ~UsbBulkChannel();
    UsbBulkChannel(const UsbBulkChannel&) = delete;
    UsbBulkChannel& operator=(const UsbBulkChannel&) = delete;
    UsbBulkChannel(UsbBulkChannel&& other) noexcept;
    UsbBulkChannel& operator=(UsbBulkChannel&&) = delete;

    // The first device matching `match` with a printer-class interface.
    static Result<UsbBulkChannel> open(UsbContext& context, const UsbMatch& match);

    Status write(std::string_view bytes, unsigned timeout_ms, std::size_t* written);
    // One bulk IN read (up to 4 KiB); Timeout when the printer has nothing to say.
    Result<std::string> read(unsigned timeout_ms);
    Result<std::string> device_id(unsigned timeout_ms);

private:
    UsbBulkChannel() = default;
    libusb_device_handle* m_handle = nullptr;
    int m_interface = -1;
    int m_alt = 0;
    unsigned char m_out = 0;
    unsigned char m_in = 0;
    bool m_detached = false;
};

}  // namespace rs::devices
