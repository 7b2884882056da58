// label_check: libpng reading, the node renderer and zbarimg as processes, ZXing in-process.
#include "tests/support/label_check.h"

#include <ZXing/ReadBarcode.h>
#include <png.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "tests/support/process.h"

namespace rs::test {

int GrayImage::dark_pixels(int x, int y, int w, int h) const {
    int count = 0;
    for (int row = std::max(y, 0); row < std::min(y + h, height); ++row)
        for (int col = std::max(x, 0); col < std::min(x + w, width); ++col)
            if (pixels[static_cast<std::size_t>(row * width + col)] < 128) ++count;
    return count;
}

GrayImage read_png(const std::string& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!file) throw std::runtime_error("cannot open " + path);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        throw std::runtime_error("bad PNG " + path);
    }
    png_init_io(png, file.get());
    png_read_info(png, info);
    // Everything to 8-bit gray without alpha.
    png_set_strip_16(png);
    png_set_packing(png);
    png_byte type = png_get_color_type(png, info);
    if (type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (type == PNG_COLOR_TYPE_GRAY && png_get_bit_depth(png, info) < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (type & PNG_COLOR_MASK_COLOR) png_set_rgb_to_gray_fixed(png, 1, -1, -1);
    if (type & PNG_COLOR_MASK_ALPHA) {
        png_color_16 white{0, 255, 255, 255, 255};
        png_set_background(png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, 1.0);
    }
    png_read_update_info(png, info);
    GrayImage image;
    image.width = static_cast<int>(png_get_image_width(png, info));
    image.height = static_cast<int>(png_get_image_height(png, info));
    std::size_t row_bytes = png_get_rowbytes(png, info);
    std::vector<unsigned char> rows(row_bytes * static_cast<std::size_t>(image.height));
    std::vector<png_bytep> pointers;
    for (int y = 0; y < image.height; ++y)
        pointers.push_back(rows.data() + static_cast<std::size_t>(y) * row_bytes);
    png_read_image(png, pointers.data());
    png_destroy_read_struct(&png, &info, nullptr);
    int channels = static_cast<int>(row_bytes) / std::max(image.width, 1);
    image.pixels.resize(static_cast<std::size_t>(image.width * image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            image.pixels[static_cast<std::size_t>(y * image.width + x)] =
                rows[static_cast<std::size_t>(y) * row_bytes +
                     static_cast<std::size_t>(x * channels)];
    return image;
}

std::string render_zpl(const std::vector<RenderJob>& jobs) {
    std::vector<std::string> argv = {NODE_BINARY, ZPL_RENDER_SCRIPT};
    for (const auto& job : jobs) {
        argv.push_back(job.zpl_path);
        argv.push_back(job.png_path);
        argv.push_back(std::to_string(job.width_mm));
        argv.push_back(std::to_string(job.height_mm));
        argv.push_back(std::to_string(job.dots_per_mm));
    }
    auto result = run_process(argv);
    if (result.exit_code == 0) return "";
    return "the ZPL renderer failed (exit " + std::to_string(result.exit_code) +
           "): " + result.err + (result.exit_code == 127 ? " (is node installed?)" : "");
}

std::vector<Decoded> zxing_decode(const GrayImage& image) {
    std::vector<Decoded> found;
    auto collect = [&](int x, int y, int w, int h, ZXing::BarcodeFormats formats) {
        std::vector<unsigned char> window;
        window.reserve(static_cast<std::size_t>(w * h));
        for (int row = y; row < y + h; ++row)
            window.insert(window.end(),
                          image.pixels.begin() + static_cast<long>(row * image.width + x),
                          image.pixels.begin() + static_cast<long>(row * image.width + x + w));
        ZXing::DecodeHints hints;
        hints.setFormats(formats);
        hints.setTryRotate(false);
        hints.setTryHarder(true);
        ZXing::ImageView view(window.data(), w, h, ZXing::ImageFormat::Lum);
        for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
            if (!result.isValid()) continue;
            Decoded code{ZXing::ToString(result.format()), result.text(),
                         result.symbologyIdentifier()};
            bool seen = std::any_of(found.begin(), found.end(), [&](const Decoded& other) {
                return other.format == code.format && other.text == code.text;
            });
            if (!seen) found.push_back(std::move(code));
        }
    };
    // zxing-cpp 1.4 asserts when one image holds two linear codes (Result::operator==,
    // lineCount() == 1) and its Data Matrix detector gives up on a whole label, so codes are
    // read in overlapping windows; a code seen in several windows counts once (no label of
    // ours carries the same code twice in one symbology).
    int band = std::max(8, image.height / 30);
    for (int top = 0; top < image.height; top += band / 2)
        collect(0, top, image.width, std::min(band, image.height - top),
                ZXing::BarcodeFormat::LinearCodes);
    int tile = std::min({200, image.width, image.height});
    for (int top = 0;; top += tile / 3) {
        top = std::min(top, image.height - tile);
        for (int left = 0;; left += tile / 3) {
            left = std::min(left, image.width - tile);
            collect(left, top, tile, tile,
                    ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::DataMatrix);
            if (left + tile >= image.width) break;
        }
        if (top + tile >= image.height) break;
    }
    return found;
}

std::vector<std::string> zbarimg_decode(const std::string& png_path) {
    auto result = run_process({"/usr/bin/zbarimg", "--raw", "-q", png_path});
    std::vector<std::string> symbols;
    std::size_t start = 0;
    while (start < result.out.size()) {
        std::size_t end = result.out.find('\n', start);
        if (end == std::string::npos) end = result.out.size();
        if (end > start) symbols.push_back(result.out.substr(start, end - start));
        start = end + 1;
    }
    return symbols;
}

}  // namespace rs::test
