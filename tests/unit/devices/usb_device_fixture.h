// scanner_at: what a fake USB transport lists, for tests of plug tracking and monitoring.
#pragma once

#include <cstdint>
#include <string>

#include "devices/transport/usb_device_info.h"

namespace rs::test {

// A Honeywell scanner at a given bus, address and port.
inline devices::UsbDeviceInfo scanner_at(std::uint8_t bus, std::uint8_t address,
                                         std::string serial) {
    devices::UsbDeviceInfo info;
    info.vendor_id = 0x0c2e;
    info.product_id = 0x0b61;
    info.bus = bus;
    info.address = address;
    info.port_path = std::to_string(bus) + "-2.3";
    info.serial = std::move(serial);
    return info;
}

}  // namespace rs::test
