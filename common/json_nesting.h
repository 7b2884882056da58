// How deeply a JSON text nests, found before any parser sees it: a hostile or broken peer must not
// take the station down with a document nested a hundred thousand levels deep.
#pragma once

#include <cstddef>
#include <string_view>

#include "common/error.h"

namespace rs {

// Far beyond any document of the platform's API or our files (they nest fewer than ten levels),
// and far below what recursive code over a parsed document survives.
inline constexpr std::size_t k_max_json_depth = 64;

// The deepest nesting of objects and arrays in `text`, brackets inside strings not counted. Stops
// counting once `limit` is passed (the result is then limit + 1).
std::size_t json_nesting_depth(std::string_view text, std::size_t limit = k_max_json_depth);

// A Protocol error naming `what` ("the platform's RMA page") when `text` nests deeper than
// k_max_json_depth; `where` names the component.
Status check_json_nesting(std::string_view text, std::string_view what, const char* where);

}  // namespace rs
