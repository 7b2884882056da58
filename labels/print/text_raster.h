// TextRaster: draws UTF-8 text into printer dots with FreeType, from a font file on this machine
// (CJK fonts of Debian's fonts-noto-cjk or fonts-wqy-zenhei), so any script prints on any Zebra.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "labels/print/mono_bitmap.h"

namespace rs::labels {

class TextRaster {
public:
    // `font_path` empty: the first of the known CJK fonts that is installed.
    static Result<std::shared_ptr<TextRaster>> open(const std::string& font_path = "");
    ~TextRaster();
    TextRaster(const TextRaster&) = delete;
    TextRaster& operator=(const TextRaster&) = delete;

    // Width in dots of `text` drawn `height` dots tall (em size).
    int measure(std::string_view text, int height);
    // Black-on-white bitmap exactly as wide as the text and `height` dots tall.
    MonoBitmap render(std::string_view text, int height);
    const std::string& font_path() const { return m_path; }

private:
    struct Impl;
    TextRaster(std::unique_ptr<Impl> impl, std::string path);
    std::unique_ptr<Impl> m_impl;
    std::string m_path;
};

// The fonts looked for, in order, when none is configured.
const std::vector<std::string>& default_cjk_fonts();

// UTF-8 to code points; invalid bytes become U+FFFD.
std::u32string utf8_to_u32(std::string_view text);
std::string u32_to_utf8(std::u32string_view text);

}  // namespace rs::labels
