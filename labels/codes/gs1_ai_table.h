// GS1 Application Identifier table: the AIs the station knows, their formats and check rules.
#pragma once

#include <array>
#include <span>
#include <string_view>

namespace rs::labels {

enum class AiCharset {
    Numeric,  // "N": digits only
    Cset82,   // "X": GS1 AI encodable character set 82
};

enum class AiLinter {
    None,
    CheckDigit,  // GS1 mod 10 over the component (GTIN, SSCC, GLN...)
    DateYymmd0,  // YYMMDD, DD=00 allowed (end of month)
    DateYymmdd,  // YYMMDD, a real day
};

// One component of an AI's data field, as in "N3 X..9".
struct AiPart {
    AiCharset charset = AiCharset::Numeric;
    int min_len = 0;
    int max_len = 0;
    AiLinter linter = AiLinter::None;
};

struct AiRule {
    std::string_view low;   // first AI of the row ("3100")
    std::string_view high;  // last AI of the row ("3105"); equal to `low` for one AI
    std::string_view title;
    bool predefined = false;  // predefined length: never followed by GS
    std::array<AiPart, 2> parts{};
    int part_count = 1;
    std::string_view key_name;  // for check-digit messages: "GTIN", "SSCC", "GLN"
    std::string_view alias;     // extra field name ("gtin", "batch"), or empty

    int min_length() const;
    int max_length() const;
    bool fixed_length() const { return min_length() == max_length(); }
};

// The rule for exactly this AI ("01", "3103", "8004"), or nullptr.
const AiRule* find_ai_rule(std::string_view ai);

std::span<const AiRule> ai_rules();

}  // namespace rs::labels
