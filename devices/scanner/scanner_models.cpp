// The known-scanner table. Ids come from the linux-usb.org usb.ids list and the makers' manuals
// named in each row; a row with product 0 covers a maker's other models by vendor id only.
#include "devices/scanner/scanner_models.h"

namespace rs::devices {
namespace {

constexpr ScannerModel k_models[] = {
    {0x0c2e, 0x0b61, "Honeywell", "Xenon 1900 (keyboard)", "usb-keyboard", "",
     "usb.ids: 0c2e Metro/Hand Held Products (Honeywell); Honeywell Xenon 1900 user guide"},
    {0x0c2e, 0x0b87, "Honeywell", "Voyager (HID POS)", "usb-hid-pos", "hid_pos_layout=honeywell",
     "Honeywell Voyager 1250g user guide, USB HID POS interface"},
    {0x0c2e, 0x0000, "Honeywell", "other model", "usb-keyboard", "",
     "usb.ids: vendor 0c2e Metro/Hand Held Products"},
    {0x05e0, 0x1200, "Zebra/Symbol", "scanner in HID keyboard mode", "usb-keyboard", "",
     "usb.ids: 05e0 Symbol Technologies, 1200 Bar Code Scanner"},
    {0x05e0, 0x0000, "Zebra/Symbol", "other model", "usb-keyboard", "",
     "usb.ids: vendor 05e0 Symbol Technologies"},
    {0x1eab, 0x0000, "Newland", "scanner", "usb-keyboard", "",
     "usb.ids: vendor 1eab Fujian Newland Computer Co., Ltd"},
    {0x05f9, 0x0000, "Datalogic", "scanner", "usb-keyboard", "",
     "usb.ids: vendor 05f9 PSC Scanning (Datalogic)"},
    {0x0536, 0x0000, "Honeywell (HHP)", "scanner", "usb-keyboard", "",
     "usb.ids: vendor 0536 Hand Held Products (Welch Allyn)"},
};

}  // namespace

const ScannerModel* find_scanner_model(std::uint16_t vendor_id, std::uint16_t product_id) {
    const ScannerModel* vendor_match = nullptr;
    for (const auto& model : k_models) {
        if (model.vendor_id != vendor_id) continue;
        if (model.product_id == product_id) return &model;
        if (model.product_id == 0 && !vendor_match) vendor_match = &model;
    }
    return vendor_match;
}

}  // namespace rs::devices
