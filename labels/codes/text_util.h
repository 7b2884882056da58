// Small text helpers for the code grammar: byte classes, normalising typed text, safe quoting.
#pragma once

#include <string>
#include <string_view>

namespace rs::labels {

inline constexpr char kGroupSeparator = '\x1d';  // GS, FNC1 in transmitted GS1 data

bool is_printable_ascii(char c);  // 0x21..0x7E (no space)

// A copy that can be shown or put in JSON whatever the input: printable ASCII and space are
// kept, any other byte becomes "<GS>" for 0x1D or "\xHH".
std::string escape_bytes(std::string_view text);

// Upper-cases ASCII letters and drops ASCII spaces, for numbers a person may type in groups
// ("1Z 999 AA1 ..."). Other bytes are left as they are.
std::string compact_upper(std::string_view text);

// Index of the first byte that breaks UTF-8, or npos when the text is valid UTF-8.
std::size_t first_invalid_utf8(std::string_view text);

// Quoted preview of at most `max_chars` bytes, escaped: "\"0412...\"".
std::string preview(std::string_view text, std::size_t max_chars = 12);

}  // namespace rs::labels
