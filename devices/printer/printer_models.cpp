// The printer model table. Resolutions and widths from Zebra's spec sheets of each model; the USB
// vendor id 0a5f is Zebra's in the linux-usb.org usb.ids list.
#include "devices/printer/printer_models.h"

namespace rs::devices {
namespace {

constexpr PrinterModel k_models[] = {
    {"ZD421 (300 dpi)", "ZD421-300", 0x0a5f, 300, 1248, true, "Zebra ZD421 spec sheet: 4.09 in"},
    {"ZD421", "ZD421", 0x0a5f, 203, 832, true, "Zebra ZD421 spec sheet: 4.09 in at 203 dpi"},
    {"ZD420 (300 dpi)", "ZD420-300", 0x0a5f, 300, 1248, true, "Zebra ZD420 spec sheet"},
    {"ZD420", "ZD420", 0x0a5f, 203, 832, true, "Zebra ZD420 spec sheet: 4.09 in at 203 dpi"},
    {"ZD620", "ZD620", 0x0a5f, 203, 832, true, "Zebra ZD620 spec sheet"},
    {"ZT411 (600 dpi)", "ZT411-600", 0x0a5f, 600, 2400, true, "Zebra ZT411 spec sheet: 4 in"},
    {"ZT411", "ZT411", 0x0a5f, 203, 832, true, "Zebra ZT411 spec sheet: 4.09 in at 203 dpi"},
    {"ZT230", "ZT230", 0x0a5f, 203, 832, true, "Zebra ZT230 spec sheet"},
    {"GX430t", "GX430", 0x0a5f, 300, 1248, true, "Zebra GX430t spec sheet: 4.16 in at 300 dpi"},
    {"GK420d", "GK420", 0x0a5f, 203, 832, true, "Zebra GK420d spec sheet: 4.09 in"},
    {"LP 2844", "LP2844", 0x0a5f, 203, 832, false, "Zebra LP 2844: EPL2 only, no ZPL"},
    {"printer emulator", "RS-EMULATOR", 0, 203, 832, true, "tools/printer_emulator"},
};

}  // namespace

const PrinterModel* find_printer_model(std::string_view model_text) {
    for (const auto& model : k_models)
        if (model_text.find(model.id_match) != std::string_view::npos) return &model;
    return nullptr;
}

}  // namespace rs::devices
