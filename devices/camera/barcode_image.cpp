// Barcode drawing: minimal 1-pixel-per-module symbols from zxing-cpp, scaled without blur.
#include "devices/camera/barcode_image.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <fmt/format.h>

#include <opencv2/imgproc.hpp>

#include "devices/camera/barcode_formats.h"

namespace rs::devices {
namespace {

// zxing-cpp's writers take FNC1 as U+00F1 in Code 128 content (as ZXing Java does).
std::string code128_gs1_content(const std::string& text) {
    std::string content = "\xC3\xB1";
    for (char c : text)
        content += c == '\x1d' ? std::string("\xC3\xB1") : std::string(1, c);
    return content;
}

}  // namespace

Result<cv::Mat> draw_barcode(const BarcodeDrawing& drawing) {
    auto formats = parse_barcode_formats({drawing.format});
    if (!formats) return std::unexpected(formats.error());
    if (drawing.module_px < 1 || drawing.quiet_modules < 0)
        return fail(ErrorCode::Invalid, "module_px must be at least 1", "camera");
    auto format = static_cast<ZXing::BarcodeFormat>(formats->bits());
    bool linear = !formats->linear().empty();
    std::string content = drawing.text;
    if (drawing.gs1) {
        if (format != ZXing::BarcodeFormat::Code128)
            return fail(ErrorCode::Invalid, "gs1 drawing is only done for code128", "camera");
        content = code128_gs1_content(drawing.text);
    }
    ZXing::BitMatrix bits;
    try {
        bits = ZXing::MultiFormatWriter(format)
                   .setMargin(0)
                   .setEncoding(ZXing::CharacterSet::UTF8)
                   .encode(content, 0, 0);
    } catch (const std::exception& error) {
        return fail(
            ErrorCode::Invalid,
            fmt::format("{} cannot hold \"{}\": {}", drawing.format, drawing.text, error.what()),
            "camera");
    }
    cv::Mat symbol(bits.height(), bits.width(), CV_8UC1);
    for (int y = 0; y < bits.height(); ++y)
        for (int x = 0; x < bits.width(); ++x)
            symbol.at<std::uint8_t>(y, x) = bits.get(x, y) ? 0 : 255;
    int module = drawing.module_px;
    int width = symbol.cols * module;
    int height = linear ? (drawing.bar_height_px > 0 ? drawing.bar_height_px : 40 * module)
                        : symbol.rows * module;
    cv::Mat scaled;
    cv::resize(symbol, scaled, cv::Size(width, height), 0, 0, cv::INTER_NEAREST);
    int quiet = drawing.quiet_modules * module;
    cv::Mat framed;
    cv::copyMakeBorder(scaled, framed, quiet, quiet, quiet, quiet, cv::BORDER_CONSTANT,
                       cv::Scalar(255));
    return framed;
}

}  // namespace rs::devices
