// Known USB scanners: the table row's driver and options turned into UsbScanner options.
#include "devices/scanner/known_usb_scanner.h"

#include <string_view>

namespace rs::devices {

std::optional<KnownUsbScanner> known_usb_scanner(const UsbDeviceInfo& device) {
    const ScannerModel* model = find_scanner_model(device.vendor_id, device.product_id);
    if (!model || (model->driver != "usb-keyboard" && model->driver != "usb-hid-pos"))
        return std::nullopt;
    KnownUsbScanner known;
    known.model = model;
    // Serial number when it has one (it follows the scanner to any port), else the port.
    known.options.match = {device.vendor_id, device.product_id, device.serial,
                           device.serial.empty() ? device.port_path : std::string()};
    constexpr std::string_view k_layout_option = "hid_pos_layout=";
    if (model->options.starts_with(k_layout_option))
        known.options.hid_pos_layout = std::string(model->options.substr(k_layout_option.size()));
    return known;
}

}  // namespace rs::devices
