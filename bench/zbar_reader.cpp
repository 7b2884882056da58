// ZbarReader: zbar's C interface, frame by frame.
#include "zbar_reader.h"

#include <zbar.h>

#include <map>

namespace rs::bench {

ZbarReader::ZbarReader(const std::vector<std::string>& formats) {
    using namespace zbar;
    static const std::map<std::string, std::vector<zbar_symbol_type_t>> k_symbols = {
        {"code128", {ZBAR_CODE128}},
        {"code39", {ZBAR_CODE39}},
        {"code93", {ZBAR_CODE93}},
        {"codabar", {ZBAR_CODABAR}},
        {"ean13", {ZBAR_EAN13}},
        {"ean8", {ZBAR_EAN8}},
        {"upca", {ZBAR_UPCA}},
        {"upce", {ZBAR_UPCE}},
        {"itf", {ZBAR_I25}},
        {"databar", {ZBAR_DATABAR}},
        {"databar_expanded", {ZBAR_DATABAR_EXP}},
        {"qrcode", {ZBAR_QRCODE}},
        {"pdf417", {ZBAR_PDF417}},
    };
    auto* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    for (const auto& name : formats)
        if (auto found = k_symbols.find(name); found != k_symbols.end())
            for (auto symbol : found->second)
                zbar_image_scanner_set_config(scanner, symbol, ZBAR_CFG_ENABLE, 1);
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
