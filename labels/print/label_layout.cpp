// LabelLayout: fitting texts (measure, shrink, wrap) and codes (module size) into their boxes.
#include "labels/print/label_layout.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <fmt/format.h>

#include <algorithm>

#include "labels/print/code128.h"

namespace rs::labels {
namespace {

// Advance of one character of font 0 as a fraction of its height, by class. Measured on a
// condensed bold sans rendering of ^A0N,h,h and rounded up (M is 0.77 h, digits 0.50 h).
double font0_advance(char c) {
    switch (c) {
        case ' ':
        case 'i':
        case 'j':
        case 'l':
        case 'I':
        case '.':
        case ',':
        case ':':
        case ';':
        case '!':
        case '\'':
        case '|':
        case '`':
            return 0.30;
        case 'M':
        case 'W':
        case 'm':
        case 'w':
        case '@':
        case '%':
            return 0.88;
        default:
            break;
    }
    if (c >= '0' && c <= '9') return 0.54;
    if (c >= 'a' && c <= 'z') return 0.52;
    if (c >= 'A' && c <= 'Z') return 0.62;
    return 0.60;
}

Error too_big(std::string_view field, std::string_view what) {
    return Error{ErrorCode::Invalid,
                 fmt::format("{} \"{}\" does not fit on the label", field, what), "labels"};
}

bool breaks_anywhere(char32_t c) {
    // CJK ideographs, kana, hangul and fullwidth forms: a line may break between any two.
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

}  // namespace

LabelSize LabelSize::inches(double width_in, double height_in, int dpi) {
    return LabelSize{dpi, static_cast<int>(width_in * dpi), static_cast<int>(height_in * dpi)};
}

int LabelSize::mm(double millimetres) const {
    return static_cast<int>(millimetres * dots_per_mm() + 0.5);
}

int estimate_font0_width(std::string_view text, int height) {
    double width = 0;
    for (char c : text)
        width += font0_advance(c);
    return static_cast<int>(width * height + 0.999);
}

bool printer_font_can_draw(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

std::vector<std::string> wrap_text(std::string_view text, int max_width,
                                   const std::function<int(std::string_view)>& measure) {
    // Break points: after a space, or before/after a character of a script without spaces.
    std::u32string chars = utf8_to_u32(text);
    std::vector<std::string> lines;
    std::u32string line;
    std::size_t i = 0;
    while (i < chars.size()) {
        if (chars[i] == U'\n') {  // a forced break
            while (!line.empty() && line.back() == U' ')
                line.pop_back();
            lines.push_back(u32_to_utf8(line));
            line.clear();
            ++i;
            continue;
        }
        // The next unbreakable piece: one CJK character, or a word with its trailing spaces.
        std::size_t end = i + 1;
        if (!breaks_anywhere(chars[i])) {
            while (end < chars.size() && chars[end] != U' ' && chars[end] != U'\n' &&
                   !breaks_anywhere(chars[end]))
                ++end;
            while (end < chars.size() && chars[end] == U' ')
                ++end;
        }
        std::u32string piece = chars.substr(i, end - i);
        std::u32string candidate = line + piece;
        std::u32string trimmed = candidate;
        while (!trimmed.empty() && trimmed.back() == U' ')
            trimmed.pop_back();
        if (line.empty() || measure(u32_to_utf8(trimmed)) <= max_width) {
            line = candidate;
        } else {
            while (!line.empty() && line.back() == U' ')
                line.pop_back();
            lines.push_back(u32_to_utf8(line));
            line = piece;
        }
        i = end;
    }
    while (!line.empty() && line.back() == U' ')
        line.pop_back();
    if (!line.empty()) lines.push_back(u32_to_utf8(line));
    return lines;
}

LabelLayout::LabelLayout(std::string template_name, LabelSize size, TextOptions options)
    : m_options(std::move(options)) {
    m_label.template_name = std::move(template_name);
    m_label.size = size;
}

TextFont LabelLayout::font_for(std::string_view text) const {
    if (printer_font_can_draw(text)) return TextFont::Printer;
    return m_options.resident_font.empty() ? TextFont::Bitmap : TextFont::Resident;
}

Result<int> LabelLayout::width_of(std::string_view text, int height, TextFont font) const {
    if (font == TextFont::Printer) return estimate_font0_width(text, height);
    if (!m_options.raster)
        return fail(ErrorCode::Unsupported,
                    fmt::format("\"{}\" needs a CJK font to be measured or drawn: install "
                                "fonts-noto-cjk or name one in [labels] bitmap_font",
                                text),
                    "labels");
    return m_options.raster->measure(text, height);
}

Status LabelLayout::place_line(std::string_view text, int x, int y, int height, TextFont font) {
    TextElement element{x, y, height, std::string(text), font, {}};
    if (font == TextFont::Bitmap) {
        if (!m_options.raster)
            return fail(ErrorCode::Unsupported,
                        fmt::format("\"{}\" needs a CJK font to be drawn: install "
                                    "fonts-noto-cjk or name one in [labels] bitmap_font",
                                    text),
                        "labels");
        element.bitmap = m_options.raster->render(text, height);
    }
    if (font == TextFont::Resident) m_label.resident_font = m_options.resident_font;
    m_label.elements.emplace_back(std::move(element));
    return {};
}

Status LabelLayout::text(std::string_view field, std::string_view text, Box area, int min_height) {
    TextFont font = font_for(text);
    for (int height = area.height; height >= min_height; height -= std::max(1, height / 12)) {
        auto width = width_of(text, height, font);
        if (!width) return std::unexpected(width.error());
        if (*width <= area.width) return place_line(text, area.x, area.y, height, font);
    }
    return std::unexpected(too_big(field, text));
}

Result<int> LabelLayout::text_block(std::string_view field, std::string_view text, Box area,
                                    int line_height, int min_height) {
    std::string flat(text);  // forced breaks do not decide the font
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    TextFont font = font_for(flat);
    for (int height = line_height; height >= min_height; height -= std::max(1, height / 12)) {
        Error failure;
        bool measured = true;
        auto measure = [&](std::string_view piece) {
            auto width = width_of(piece, height, font);
            if (!width) {
                failure = width.error();
                measured = false;
                return 0;
            }
            return *width;
        };
        std::vector<std::string> lines = wrap_text(text, area.width, measure);
        if (!measured) return std::unexpected(failure);
        int pitch = height + height / 6;
        bool every_line_fits = std::all_of(lines.begin(), lines.end(), [&](const auto& line) {
            return measure(line) <= area.width;
        });
        int used = static_cast<int>(lines.size()) * pitch;
        if (!every_line_fits || used > area.height) continue;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            // A line of a mixed text may be plain ASCII: each line keeps the block's font so
            // the block looks the same throughout.
            if (auto placed = place_line(lines[i], area.x, area.y + static_cast<int>(i) * pitch,
                                         height, font);
                !placed)
                return std::unexpected(placed.error());
        }
        return used;
    }
    return std::unexpected(too_big(field, text));
}

Result<int> code128_modules(std::string_view data, bool gs1) {
    auto plan = plan_code128(data, gs1);
    if (!plan) return std::unexpected(plan.error());
    // 11 modules per symbol character, 13 for stop, 10 of quiet zone each side.
    auto values = code128_values(*plan);
    return static_cast<int>(values.size()) * 11 + 2 + 20;
}

Status LabelLayout::code128(std::string_view field, std::string_view data, bool gs1, Box area,
                            int module, bool human_readable) {
    auto modules = code128_modules(data, gs1);
    if (!modules) {
        Error error = modules.error();
        error.message = fmt::format("{}: {}", field, error.message);
        return std::unexpected(error);
    }
    while (module > 1 && *modules * module > area.width)
        --module;
    if (*modules * module > area.width) return std::unexpected(too_big(field, data));
    int symbol_width = (*modules - 20) * module;
    int text_room = human_readable ? std::max(area.height / 5, mm(2.5)) : 0;
    BarcodeElement element;
    element.x = area.x + (area.width - symbol_width) / 2;
    element.y = area.y;
    element.symbology = gs1 ? Symbology::Gs1_128 : Symbology::Code128;
    element.data = std::string(data);
    element.module = module;
    element.height = area.height - text_room;
    element.human_readable = human_readable;
    m_label.elements.emplace_back(std::move(element));
    return {};
}

Result<int> matrix_modules(Symbology symbology, std::string_view data) {
    try {
        ZXing::BarcodeFormat format = symbology == Symbology::Qr ? ZXing::BarcodeFormat::QRCode
                                                                 : ZXing::BarcodeFormat::DataMatrix;
        ZXing::MultiFormatWriter writer(format);
        writer.setMargin(0);
        writer.setEncoding(ZXing::CharacterSet::UTF8);
        ZXing::BitMatrix matrix = writer.encode(std::string(data), 0, 0);
        return matrix.width();
    } catch (const std::exception& error) {
        return fail(
            ErrorCode::Invalid,
            fmt::format("{} cannot hold \"{}\": {}", symbology_name(symbology), data, error.what()),
            "labels");
    }
}

Status LabelLayout::matrix_code(std::string_view field, Symbology symbology, std::string_view data,
                                Box area, int max_module) {
    auto modules = matrix_modules(symbology, data);
    if (!modules) return std::unexpected(modules.error());
    int room = std::min(area.width, area.height);
    int module = std::min(max_module, room / std::max(*modules, 1));
    if (module < 1) return std::unexpected(too_big(field, data));
    BarcodeElement element;
    element.x = area.x;
    element.y = area.y;
    element.symbology = symbology;
    element.data = std::string(data);
    element.module = module;
    element.height = *modules * module;
    element.human_readable = false;
    m_label.elements.emplace_back(std::move(element));
    return {};
}

void LabelLayout::box(Box area, int thickness) {
    m_label.elements.emplace_back(BoxElement{area.x, area.y, area.width, area.height, thickness});
}

const char* symbology_name(Symbology symbology) {
    switch (symbology) {
        case Symbology::Code128:
            return "Code 128";
        case Symbology::Gs1_128:
            return "GS1-128";
        case Symbology::Qr:
            return "QR Code";
        case Symbology::DataMatrix:
            return "Data Matrix";
        case Symbology::Gs1DataMatrix:
            return "GS1 Data Matrix";
    }
    return "?";
}

}  // namespace rs::labels
