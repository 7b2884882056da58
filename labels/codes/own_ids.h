// Our own ids (RMA, repair order, bin, operator badge, part SKU): prefix, body, check character.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "labels/codes/candidate.h"

namespace rs::labels {

struct OwnIdRule {
    CodeKind kind;
    std::string_view prefix;  // "RO"; the id starts with prefix + "-"
    bool digits_only;         // body digits only (RO, RMA), else [0-9A-Z-]
    std::string_view name;    // "repair order tag"
};

std::span<const OwnIdRule> own_id_rules();

// A reading when the text starts with one of our prefixes (case-insensitive), else nothing.
Candidates classify_own_id(std::string_view text);

// prefix + "-" + body + check character over prefix+body with hyphens removed (ISO/IEC 7064
// MOD 37,36). Empty when `kind` is not one of ours or the body is empty or has other characters.
std::string build_own_id(CodeKind kind, std::string_view body);

}  // namespace rs::labels
