// ZbarReader: zbar's C interface, frame by frame.
#include "zbar_reader.h"

#include <zbar.h>

namespace rs::bench {

ZbarReader::ZbarReader() {
    auto* scanner = zbar::zbar_image_scanner_create();
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 1);
    m_scanner = scanner;
}

ZbarReader::~ZbarReader() {
    zbar::zbar_image_scanner_destroy(static_cast<zbar::zbar_image_scanner_t*>(m_scanner));
}

std::vector<std::string> ZbarReader::read(const std::uint8_t* gray, int width, int height) {
    auto* scanner = static_cast<zbar::zbar_image_scanner_t*>(m_scanner);
    zbar::zbar_image_t* image = zbar::zbar_image_create();
    zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(image, static_cast<unsigned>(width), static_cast<unsigned>(height));
    zbar::zbar_image_set_data(image, gray, static_cast<unsigned long>(width) * height, nullptr);
    std::vector<std::string> texts;
    if (zbar::zbar_scan_image(scanner, image) > 0)
        for (const zbar::zbar_symbol_t* symbol = zbar::zbar_image_first_symbol(image); symbol;
             symbol = zbar::zbar_symbol_next(symbol))
            texts.emplace_back(zbar::zbar_symbol_get_data(symbol),
                               zbar::zbar_symbol_get_data_length(symbol));
    zbar::zbar_image_destroy(image);
    return texts;
}

}  // namespace rs::bench
