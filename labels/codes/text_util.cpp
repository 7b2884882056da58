// Small text helpers for the code grammar: byte classes, normalising typed text, safe quoting.
#include "labels/codes/text_util.h"

#include <fmt/core.h>

namespace rs::labels {

bool is_printable_ascii(char c) {
    return c > 0x20 && c < 0x7f;
}

std::string escape_bytes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_printable_ascii(c) || c == ' ') {
            out.push_back(c);
        } else if (c == kGroupSeparator) {
            out += "<GS>";
        } else {
            out += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

std::string compact_upper(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ' ') continue;
        out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    }
    return out;
}

std::size_t first_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto b = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        if (b < 0x80) {
            extra = 0;
        } else if (b >= 0xC2 && b <= 0xDF) {
            extra = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            extra = 2;
        } else if (b >= 0xF0 && b <= 0xF4) {
            extra = 3;
        } else {
            return i;
        }
        if (extra > 0 && i + extra >= text.size()) return i;
        for (std::size_t k = 1; k <= extra; ++k) {
            auto cont = static_cast<unsigned char>(text[i + k]);
            if ((cont & 0xC0) != 0x80) return i;
        }
        i += extra + 1;
    }
    return std::string_view::npos;
}

std::string preview(std::string_view text, std::size_t max_chars) {
    if (text.size() <= max_chars) return fmt::format("\"{}\"", escape_bytes(text));
    return fmt::format("\"{}...\"", escape_bytes(text.substr(0, max_chars)));
}

}  // namespace rs::labels
