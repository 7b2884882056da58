// Known USB scanners: how to take one the scanner table knows, without any configuration.
#pragma once

#include <optional>
#include <string>

#include "devices/scanner/scanner_models.h"
#include "devices/scanner/usb_scanner.h"
#include "devices/transport/usb_device_info.h"

namespace rs::devices {

struct KnownUsbScanner {
    const ScannerModel* model = nullptr;
    UsbScannerOptions options;  // matches this very device: its serial, else its port
};

// Options for a device the table knows as a USB keyboard or HID POS scanner; nothing for
// unknown devices and for scanners in serial mode (those are reached through their tty).
std::optional<KnownUsbScanner> known_usb_scanner(const UsbDeviceInfo& device);

}  // namespace rs::devices
