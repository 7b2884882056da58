// json_nesting_depth: one pass over the text, tracking strings and their escapes.
#include "common/json_nesting.h"

#include <fmt/format.h>

namespace rs {

std::size_t json_nesting_depth(std::string_view text, std::size_t limit) {
    std::size_t depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > deepest) deepest = depth;
            if (deepest > limit) return deepest;
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

Status check_json_nesting(std::string_view text, std::string_view what, const char* where) {
    if (json_nesting_depth(text) <= k_max_json_depth) return {};
    return fail(ErrorCode::Protocol,
                fmt::format("{} nests deeper than {} levels ({} bytes): refused unread", what,
                            k_max_json_depth, text.size()),
                where);
}

}  // namespace rs
