// MonoBitmap: a black-and-white picture in printer dots, as ^GFA sends it and previews draw it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rs::labels {

struct MonoBitmap {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> dots;  // row-major, 1 = black, one byte per dot

    MonoBitmap() = default;
    MonoBitmap(int w, int h) : width(w), height(h), dots(static_cast<std::size_t>(w * h), 0) {}

    bool at(int x, int y) const { return dots[static_cast<std::size_t>(y * width + x)] != 0; }
    void set(int x, int y) {
        if (x >= 0 && y >= 0 && x < width && y < height)
            dots[static_cast<std::size_t>(y * width + x)] = 1;
    }
    std::size_t black_count() const;
    // Row bytes of the ZPL graphic field: 8 dots per byte, most significant bit first.
    int bytes_per_row() const { return (width + 7) / 8; }
};

// The body of "^GFA,total,total,row,<hex>": upper-case hex, rows padded to whole bytes.
std::string to_zpl_hex(const MonoBitmap& bitmap);

}  // namespace rs::labels
