// Label preview: texts with FreeType, Code 128 from our own encodation plan, QR and Data Matrix
// from zxing-cpp's writer, PNG through libpng.
#include "labels/print/label_preview.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <fmt/format.h>
#include <png.h>

#include "labels/print/code128.h"

namespace rs::labels {
namespace {

void blit(MonoBitmap& target, const MonoBitmap& source, int x0, int y0) {
    for (int y = 0; y < source.height; ++y)
        for (int x = 0; x < source.width; ++x)
            if (source.at(x, y)) target.set(x0 + x, y0 + y);
}

void fill(MonoBitmap& target, int x0, int y0, int width, int height) {
    for (int y = y0; y < y0 + height; ++y)
        for (int x = x0; x < x0 + width; ++x)
            target.set(x, y);
}

Status draw_code128(MonoBitmap& target, const BarcodeElement& code, TextRaster& raster) {
    auto plan = plan_code128(code.data, code.symbology == Symbology::Gs1_128);
    if (!plan) return std::unexpected(plan.error());
    int x = code.x;
    for (int value : code128_values(*plan)) {
        bool bar = true;
        for (char width : code128_pattern(value)) {
            int dots = (width - '0') * code.module;
            if (bar) fill(target, x, code.y, dots, code.height);
            x += dots;
            bar = !bar;
        }
    }
    if (code.human_readable) {
        std::string text;
        for (char c : code.data)
            if (c != '\x1d') text.push_back(c);
        int height = std::max(10, code.module * 9);
        MonoBitmap line = raster.render(text, height);
        int width = x - code.x;
        blit(target, line, code.x + (width - line.width) / 2, code.y + code.height + 2);
    }
    return {};
}

Status draw_matrix(MonoBitmap& target, const BarcodeElement& code) {
    try {
        bool qr = code.symbology == Symbology::Qr;
        ZXing::MultiFormatWriter writer(qr ? ZXing::BarcodeFormat::QRCode
                                           : ZXing::BarcodeFormat::DataMatrix);
        writer.setMargin(0);
        writer.setEncoding(ZXing::CharacterSet::UTF8);
        ZXing::BitMatrix matrix = writer.encode(code.data, 0, 0);
        for (int y = 0; y < matrix.height(); ++y)
            for (int x = 0; x < matrix.width(); ++x)
                if (matrix.get(x, y))
                    fill(target, code.x + x * code.module, code.y + y * code.module, code.module,
                         code.module);
        return {};
    } catch (const std::exception& error) {
        return fail(ErrorCode::Invalid,
                    fmt::format("cannot draw {}: {}", symbology_name(code.symbology), error.what()),
                    "labels");
    }
}

void write_to_string(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

}  // namespace

Result<MonoBitmap> rasterize_label(const Label& label, TextRaster& raster) {
    MonoBitmap canvas(label.size.width, label.size.height);
    for (const auto& element : label.elements) {
        if (const auto* text = std::get_if<TextElement>(&element)) {
            blit(canvas,
                 text->font == TextFont::Bitmap ? text->bitmap
                                                : raster.render(text->text, text->height),
                 text->x, text->y);
        } else if (const auto* code = std::get_if<BarcodeElement>(&element)) {
            bool linear =
                code->symbology == Symbology::Code128 || code->symbology == Symbology::Gs1_128;
            auto drawn = linear ? draw_code128(canvas, *code, raster) : draw_matrix(canvas, *code);
            if (!drawn) return std::unexpected(drawn.error());
        } else if (const auto* box = std::get_if<BoxElement>(&element)) {
            int t = box->thickness;
            int w = std::max(box->width, t);
            int h = std::max(box->height, t);
            fill(canvas, box->x, box->y, w, t);
            fill(canvas, box->x, box->y + h - t, w, t);
            fill(canvas, box->x, box->y, t, h);
            fill(canvas, box->x + w - t, box->y, t, h);
        } else if (const auto* graphic = std::get_if<GraphicElement>(&element)) {
            blit(canvas, graphic->bitmap, graphic->x, graphic->y);
        }
    }
    return canvas;
}

Result<std::string> encode_png(const MonoBitmap& bitmap) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return fail(ErrorCode::Internal, "cannot start libpng", "labels");
    png_infop info = png_create_info_struct(png);
    std::string out;
    std::vector<png_byte> row(static_cast<std::size_t>(bitmap.width));
    // libpng reports errors by longjmp; nothing with a destructor is created after this point.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return fail(ErrorCode::Internal, "PNG encoding failed", "labels");
    }
    png_set_write_fn(png, &out, write_to_string, nullptr);
    png_set_IHDR(png, info, static_cast<png_uint_32>(bitmap.width),
                 static_cast<png_uint_32>(bitmap.height), 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < bitmap.height; ++y) {
        for (int x = 0; x < bitmap.width; ++x)
            row[static_cast<std::size_t>(x)] = bitmap.at(x, y) ? 0 : 255;
        png_write_row(png, row.data());
    }
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

Result<std::string> render_preview_png(const Label& label, TextRaster& raster) {
    auto canvas = rasterize_label(label, raster);
    if (!canvas) return std::unexpected(canvas.error());
    return encode_png(*canvas);
}

}  // namespace rs::labels
