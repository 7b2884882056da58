// TextRaster: FreeType glyph loading and 1-bit composition of a line of text.
#include "labels/print/text_raster.h"

#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <filesystem>
#include <mutex>

namespace rs::labels {

struct TextRaster::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    std::mutex mutex;  // FreeType faces are not thread-safe
    ~Impl() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
};

const std::vector<std::string>& default_cjk_fonts() {
    static const std::vector<std::string> fonts = {
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    };
    return fonts;
}

std::u32string utf8_to_u32(std::string_view text) {
    std::u32string out;
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        int extra = byte < 0x80         ? 0
                    : (byte >> 5) == 6  ? 1
                    : (byte >> 4) == 14 ? 2
                    : (byte >> 3) == 30 ? 3
                                        : -1;
        if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        char32_t code = extra == 0 ? byte : byte & (0x3F >> extra);
        bool valid = true;
        for (int k = 1; k <= extra; ++k) {
            auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((next & 0xC0) != 0x80) valid = false;
            code = (code << 6) | (next & 0x3F);
        }
        out.push_back(valid ? code : U'\uFFFD');
        i += valid ? static_cast<std::size_t>(extra) + 1 : 1;
    }
    return out;
}

std::string u32_to_utf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

TextRaster::TextRaster(std::unique_ptr<Impl> impl, std::string path)
    : m_impl(std::move(impl)), m_path(std::move(path)) {}
TextRaster::~TextRaster() = default;

Result<std::shared_ptr<TextRaster>> TextRaster::open(const std::string& font_path) {
    std::string path = font_path;
    if (path.empty()) {
        for (const auto& candidate : default_cjk_fonts())
            if (std::filesystem::exists(candidate)) {
                path = candidate;
                break;
            }
        if (path.empty())
            return fail(ErrorCode::NotFound,
                        "no CJK font found: install fonts-noto-cjk or fonts-wqy-zenhei, or name a "
                        "font file in [labels] bitmap_font",
                        "labels");
    }
    auto impl = std::make_unique<Impl>();
    if (FT_Init_FreeType(&impl->library) != 0)
        return fail(ErrorCode::Internal, "cannot start FreeType", "labels");
    if (FT_New_Face(impl->library, path.c_str(), 0, &impl->face) != 0)
        return fail(ErrorCode::Invalid, fmt::format("cannot load font {}", path), "labels");
    return std::shared_ptr<TextRaster>(new TextRaster(std::move(impl), path));
}

namespace {

// Sizes the face so that ascender plus descender fill `height`: nothing is clipped, not even
// the descender of a 'g' below a line of Chinese.
void fit_to_height(FT_Face face, int height) {
    FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(height));
    long extent = face->size->metrics.ascender - face->size->metrics.descender;
    if (extent <= 0) return;
    long pixels = std::max(1L, static_cast<long>(height) * height * 64 / extent);
    FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixels));
}

}  // namespace

int TextRaster::measure(std::string_view text, int height) {
    std::lock_guard lock(m_impl->mutex);
    FT_Face face = m_impl->face;
    fit_to_height(face, height);
    long width = 0;
    for (char32_t c : utf8_to_u32(text)) {
        if (FT_Load_Char(face, c, FT_LOAD_DEFAULT) != 0) continue;
        width += face->glyph->advance.x;
    }
    return static_cast<int>((width + 63) / 64);
}

MonoBitmap TextRaster::render(std::string_view text, int height) {
    int width = measure(text, height);
    std::lock_guard lock(m_impl->mutex);
    FT_Face face = m_impl->face;
    fit_to_height(face, height);
    MonoBitmap bitmap(std::max(width, 1), height);
    // The baseline sits where the font's ascender and descender share the em box.
    long ascender = face->size->metrics.ascender;
    long descender = -face->size->metrics.descender;
    int baseline = static_cast<int>(height * ascender / std::max(ascender + descender, 1L));
    long pen = 0;
    for (char32_t c : utf8_to_u32(text)) {
        if (FT_Load_Char(face, c, FT_LOAD_RENDER | FT_LOAD_TARGET_MONO) != 0) continue;
        FT_GlyphSlot glyph = face->glyph;
        const FT_Bitmap& source = glyph->bitmap;
        int left = static_cast<int>(pen / 64) + glyph->bitmap_left;
        int top = baseline - glyph->bitmap_top;
        for (unsigned row = 0; row < source.rows; ++row) {
            const unsigned char* line = source.buffer + static_cast<long>(row) * source.pitch;
            for (unsigned col = 0; col < source.width; ++col) {
                bool black = source.pixel_mode == FT_PIXEL_MODE_MONO
                                 ? (line[col / 8] & (0x80 >> (col % 8))) != 0
                                 : line[col] >= 128;
                if (black) bitmap.set(left + static_cast<int>(col), top + static_cast<int>(row));
            }
        }
        pen += glyph->advance.x;
    }
    return bitmap;
}

}  // namespace rs::labels
