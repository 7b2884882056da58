// Known label printer models as table rows: resolution, print width, how to recognise them.
#pragma once

#include <cstdint>
#include <string_view>

namespace rs::devices {

struct PrinterModel {
    std::string_view model;     // "ZD420"
    std::string_view id_match;  // substring of the 1284 MDL field or the ~HI model
    std::uint16_t usb_vendor;   // 0x0a5f Zebra
    int dpi;
    int print_width_dots;  // widest printable line
    bool zpl;              // speaks ZPL (EPL-only models are listed to be refused)
    std::string_view source;
};

// The row whose id_match appears in `model_text` (1284 MDL or ~HI model), or null.
const PrinterModel* find_printer_model(std::string_view model_text);

}  // namespace rs::devices
