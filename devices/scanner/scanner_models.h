// Known scanner models: USB vendor/product id to driver and options, each row with its source.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace rs::devices {

struct ScannerModel {
    std::uint16_t vendor_id;
    std::uint16_t product_id;  // 0: any product of this vendor
    std::string_view maker;
    std::string_view model;
    std::string_view driver;   // "usb-keyboard", "usb-hid-pos", "serial"
    std::string_view options;  // e.g. "hid_pos_layout=honeywell"
    std::string_view source;
};

// The most specific row for this id, or null when the device is no known scanner.
const ScannerModel* find_scanner_model(std::uint16_t vendor_id, std::uint16_t product_id);
// Every row (the udev rules must cover each vendor).
std::span<const ScannerModel> scanner_models();

}  // namespace rs::devices
