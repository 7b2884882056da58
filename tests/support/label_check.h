// Checking printed labels with tools we did not write: zpl-renderer-js draws the ZPL, zbarimg
// and ZXing read the barcodes back from the PNG.
#pragma once

#include <string>
#include <vector>

namespace rs::test {

struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels;  // 0 black .. 255 white
    // Dark pixels (below 128) in a rectangle, clipped to the image.
    int dark_pixels(int x, int y, int w, int h) const;
};

// Reads an 8-bit gray, gray+alpha, RGB or RGBA PNG; throws std::runtime_error otherwise.
GrayImage read_png(const std::string& path);

struct RenderJob {
    std::string zpl_path;
    std::string png_path;
    double width_mm = 0;
    double height_mm = 0;
    int dots_per_mm = 8;
};

// Renders with tests/zpl/render.cjs; an empty string on success, else what went wrong (the
// renderer missing says to run scripts/install-npm.sh).
std::string render_zpl(const std::vector<RenderJob>& jobs);

struct Decoded {
    std::string format;     // ZXing's name ("Code128", "QRCode", "DataMatrix")
    std::string text;       // GS1 separators as GS (0x1D)
    std::string symbology;  // AIM id: "]C1" GS1-128, "]d2" GS1 Data Matrix
};
std::vector<Decoded> zxing_decode(const GrayImage& image);

// zbarimg --raw: one entry per symbol found, in zbar's order.
std::vector<std::string> zbarimg_decode(const std::string& png_path);

}  // namespace rs::test
