// MonoBitmap: counting dots and packing rows into the hex of a ZPL graphic field.
#include "labels/print/mono_bitmap.h"

#include <algorithm>

namespace rs::labels {

std::size_t MonoBitmap::black_count() const {
    return static_cast<std::size_t>(std::count(dots.begin(), dots.end(), std::uint8_t{1}));
}

std::string to_zpl_hex(const MonoBitmap& bitmap) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string hex;
    hex.reserve(static_cast<std::size_t>(bitmap.bytes_per_row() * bitmap.height * 2));
    for (int y = 0; y < bitmap.height; ++y) {
        for (int byte = 0; byte < bitmap.bytes_per_row(); ++byte) {
            unsigned value = 0;
            for (int bit = 0; bit < 8; ++bit) {
                int x = byte * 8 + bit;
                if (x < bitmap.width && bitmap.at(x, y)) value |= 0x80u >> bit;
            }
            hex.push_back(k_hex[value >> 4]);
            hex.push_back(k_hex[value & 0xF]);
        }
    }
    return hex;
}

}  // namespace rs::labels
