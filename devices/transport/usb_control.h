// UsbControlChannel: one claimed interface of a USB device and synchronous control transfers on
// its default pipe; also the interface descriptors of every device (class, subclass, protocol,
// the class-specific descriptors that follow, the interface's name), for families that find
// their devices by interface class (DFU).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/transport/usb_context.h"
#include "devices/transport/usb_device_info.h"

struct libusb_device_handle;

namespace rs::devices {

struct UsbInterfaceDescription {
    std::uint8_t number = 0;
    std::uint8_t alt_setting = 0;
    std::uint8_t interface_class = 0;
    std::uint8_t subclass = 0;
    std::uint8_t protocol = 0;
    std::vector<std::uint8_t> extra;  // class-specific descriptors after the interface's own
    std::string name;                 // iInterface, when the device could be opened
};

struct UsbDeviceDescription {
    UsbDeviceInfo info;
    std::uint16_t bcd_device = 0;
    std::vector<UsbInterfaceDescription> interfaces;  // of the active configuration
};

// Every device with its interfaces; an empty list on a machine without USB is not an error.
Result<std::vector<UsbDeviceDescription>> describe_usb_devices(UsbContext& context);

// Control transfer failures keep libusb's kind in the Error's `where`: "usb:stall",
// "usb:timeout", "usb:gone" or "usb".
class UsbControlChannel {
public:
    ~UsbControlChannel();
    UsbControlChannel(const UsbControlChannel&) = delete;
    UsbControlChannel& operator=(const UsbControlChannel&) = delete;
    UsbControlChannel(UsbControlChannel&& other) noexcept;
    UsbControlChannel& operator=(UsbControlChannel&& other) noexcept;

    // Opens the device at `bus`/`address` (as just described) and claims `interface_number`
    // with `alt_setting`, detaching a kernel driver that holds it.
    static Result<UsbControlChannel> open(UsbContext& context, std::uint8_t bus,
                                          std::uint8_t address, std::uint8_t interface_number,
                                          std::uint8_t alt_setting);

    Status control_out(std::uint8_t request_type, std::uint8_t request, std::uint16_t value,
                       std::uint16_t index, std::span<const std::uint8_t> data,
                       unsigned timeout_ms);
    Result<std::vector<std::uint8_t>> control_in(std::uint8_t request_type, std::uint8_t request,
                                                 std::uint16_t value, std::uint16_t index,
                                                 std::uint16_t length, unsigned timeout_ms);
    // A port reset; the device may come back as another device (then the channel is spent).
    Status reset();
    void close();

private:
    UsbControlChannel() = default;
    libusb_device_handle* m_handle = nullptr;
    int m_interface = -1;
    bool m_detached = false;
};

}  // namespace rs::devices
