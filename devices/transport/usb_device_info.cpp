// UsbDeviceInfo identity: serial number first, port chain (without the bus) otherwise.
#include "devices/transport/usb_device_info.h"

#include <fmt/format.h>

namespace rs::devices {

std::string UsbDeviceInfo::vid_pid() const {
    return fmt::format("{:04x}:{:04x}", vendor_id, product_id);
}

std::string UsbDeviceInfo::identity() const {
    if (!serial.empty()) return fmt::format("{}/serial:{}", vid_pid(), serial);
    // Without a serial the place it is plugged into names it; the bus part of the path is
    // dropped because a root hub may get another bus number after a controller reset.
    auto dash = port_path.find('-');
    std::string ports = dash == std::string::npos ? port_path : port_path.substr(dash + 1);
    return fmt::format("{}/port:{}", vid_pid(), ports);
}

}  // namespace rs::devices
