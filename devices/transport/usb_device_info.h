// UsbDeviceInfo: what enumeration tells about one USB device, and its identity across re-plugs.
#pragma once

#include <cstdint>
#include <string>

namespace rs::devices {

struct UsbDeviceInfo {
    std::uint16_t vendor_id = 0;
    std::uint16_t product_id = 0;
    std::uint8_t bus = 0;
    std::uint8_t address = 0;
    std::string port_path;  // "1-2.3": bus number and port chain, as the kernel names it
    std::string serial;     // empty when the device has none or could not be opened
    std::string manufacturer;
    std::string product;
    // The device names a serial number, but opening it to read its strings failed for a reason
    // that passes (it is still being set up after a plug, not a lack of permission): until a
    // later listing reads them, its identity is not yet the one it will keep.
    bool strings_pending = false;

    // Bus numbers and addresses change on re-plug; serial number and port chain do not.
    // "0c2e:0b61/serial:12345" or, without a serial, "0c2e:0b61/port:2.3".
    std::string identity() const;
    std::string vid_pid() const;
};

}  // namespace rs::devices
