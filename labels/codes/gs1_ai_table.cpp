// GS1 Application Identifier table: the AIs the station knows, their formats and check rules.
#include "labels/codes/gs1_ai_table.h"

namespace rs::labels {

namespace {

constexpr AiPart n(int len, AiLinter linter = AiLinter::None) {
    return {AiCharset::Numeric, len, len, linter};
}
constexpr AiPart n_upto(int max) {
    return {AiCharset::Numeric, 1, max, AiLinter::None};
}
constexpr AiPart x_upto(int max) {
    return {AiCharset::Cset82, 1, max, AiLinter::None};
}

constexpr bool kPredefined = true;
constexpr bool kVariable = false;

constexpr AiRule one(std::string_view ai, std::string_view title, bool predefined, AiPart part,
                     std::string_view alias = {}, std::string_view key = {}) {
    return {ai, ai, title, predefined, {part, AiPart{}}, 1, key, alias};
}
constexpr AiRule two(std::string_view ai, std::string_view title, bool predefined, AiPart a,
                     AiPart b, std::string_view alias = {}, std::string_view key = {}) {
    return {ai, ai, title, predefined, {a, b}, 2, key, alias};
}
constexpr AiRule range(std::string_view low, std::string_view high, std::string_view title,
                       bool predefined, AiPart part) {
    return {low, high, title, predefined, {part, AiPart{}}, 1, {}, {}};
}

// Source: GS1 General Specifications section 3.2 (table of GS1 Application Identifiers: data
// titles, formats N/X with fixed or "up to" lengths) and figure 7.8.5-2 (element strings with
// predefined length: AIs starting 00-04, 11-20, 31-36 and 41, which are never followed by a GS);
// cross-checked with the machine-readable GS1 Barcode Syntax Dictionary (gs1-syntax-dictionary.txt,
// GS1 AISBL), where "*" marks predefined length, "csum" a check digit and "yymmd0" a date whose
// day may be 00. Rows are kept in AI order, as in those tables.
constexpr AiRule kRules[] = {
    one("00", "SSCC", kPredefined, n(18, AiLinter::CheckDigit), "sscc", "SSCC"),
    one("01", "GTIN", kPredefined, n(14, AiLinter::CheckDigit), "gtin", "GTIN"),
    one("02", "CONTENT", kPredefined, n(14, AiLinter::CheckDigit), "content_gtin", "GTIN"),
    one("10", "BATCH/LOT", kVariable, x_upto(20), "batch"),
    one("11", "PROD DATE", kPredefined, n(6, AiLinter::DateYymmd0), "production_date"),
    one("12", "DUE DATE", kPredefined, n(6, AiLinter::DateYymmd0), "due_date"),
    one("13", "PACK DATE", kPredefined, n(6, AiLinter::DateYymmd0), "pack_date"),
    one("15", "BEST BEFORE", kPredefined, n(6, AiLinter::DateYymmd0), "best_before"),
    one("16", "SELL BY", kPredefined, n(6, AiLinter::DateYymmd0), "sell_by"),
    one("17", "USE BY OR EXPIRY", kPredefined, n(6, AiLinter::DateYymmd0), "expiry"),
    one("20", "VARIANT", kPredefined, n(2), "variant"),
    one("21", "SERIAL", kVariable, x_upto(20), "serial"),
    one("22", "CPV", kVariable, x_upto(20)),
    one("240", "ADDITIONAL ID", kVariable, x_upto(30), "additional_id"),
    one("241", "CUST. PART No.", kVariable, x_upto(30), "customer_part_number"),
    one("242", "MTO VARIANT", kVariable, n_upto(6)),
    one("250", "SECONDARY SERIAL", kVariable, x_upto(30), "secondary_serial"),
    one("251", "REF. TO SOURCE", kVariable, x_upto(30)),
    two("253", "GDTI", kVariable, n(13, AiLinter::CheckDigit), x_upto(17), {}, "GDTI"),
    one("254", "GLN EXTENSION COMPONENT", kVariable, x_upto(20)),
    one("30", "VAR. COUNT", kVariable, n_upto(8), "count"),
    range("3100", "3105", "NET WEIGHT (kg)", kPredefined, n(6)),
    range("3110", "3115", "LENGTH (m)", kPredefined, n(6)),
    range("3120", "3125", "WIDTH (m)", kPredefined, n(6)),
    range("3130", "3135", "HEIGHT (m)", kPredefined, n(6)),
    range("3150", "3155", "NET VOLUME (l)", kPredefined, n(6)),
    range("3160", "3165", "NET VOLUME (m3)", kPredefined, n(6)),
    range("3200", "3205", "NET WEIGHT (lb)", kPredefined, n(6)),
    range("3300", "3305", "GROSS WEIGHT (kg)", kPredefined, n(6)),
    range("3400", "3405", "GROSS WEIGHT (lb)", kPredefined, n(6)),
    one("37", "COUNT", kVariable, n_upto(8), "count"),
    range("3900", "3909", "AMOUNT", kVariable, n_upto(15)),
    range("3920", "3929", "PRICE", kVariable, n_upto(15)),
    one("400", "ORDER NUMBER", kVariable, x_upto(30), "order_number"),
    one("401", "GINC", kVariable, x_upto(30)),
    one("402", "GSIN", kVariable, n(17, AiLinter::CheckDigit), {}, "GSIN"),
    one("403", "ROUTE", kVariable, x_upto(30)),
    one("410", "SHIP TO LOC", kPredefined, n(13, AiLinter::CheckDigit), "ship_to_gln", "GLN"),
    one("411", "BILL TO", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("412", "PURCHASE FROM", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("413", "SHIP FOR LOC", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("414", "LOC No.", kPredefined, n(13, AiLinter::CheckDigit), "location_gln", "GLN"),
    one("415", "PAY TO", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("416", "PROD/SERV LOC", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("417", "PARTY", kPredefined, n(13, AiLinter::CheckDigit), {}, "GLN"),
    one("420", "SHIP TO POST", kVariable, x_upto(20), "ship_to_postal_code"),
    two("421", "SHIP TO POST", kVariable, n(3), x_upto(9)),
    // Fixed length but not predefined (42 is not in figure 7.8.5-2): a GS must follow it.
    one("422", "ORIGIN", kVariable, n(3)),
    two("7003", "EXPIRY TIME", kVariable, n(6, AiLinter::DateYymmdd), n(4)),
    one("8004", "GIAI", kVariable, x_upto(30), "giai"),
    one("8005", "PRICE PER UNIT", kVariable, n(6)),
    one("8020", "REF No.", kVariable, x_upto(25)),
    one("90", "INTERNAL", kVariable, x_upto(30)),
    range("91", "99", "INTERNAL", kVariable, x_upto(90)),
};

}  // namespace

int AiRule::min_length() const {
    int total = 0;
    for (int i = 0; i < part_count; ++i)
        total += parts[static_cast<std::size_t>(i)].min_len;
    return total;
}

int AiRule::max_length() const {
    int total = 0;
    for (int i = 0; i < part_count; ++i)
        total += parts[static_cast<std::size_t>(i)].max_len;
    return total;
}

const AiRule* find_ai_rule(std::string_view ai) {
    for (const auto& rule : kRules) {
        // Rows of a range have AIs of one length, so a string comparison orders them.
        if (ai.size() == rule.low.size() && ai >= rule.low && ai <= rule.high) return &rule;
    }
    return nullptr;
}

std::span<const AiRule> ai_rules() {
    return kRules;
}

}  // namespace rs::labels
