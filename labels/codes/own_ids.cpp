// Our own ids (RMA, repair order, bin, operator badge, part SKU): prefix, body, check character.
#include "labels/codes/own_ids.h"

#include <array>

#include <fmt/core.h>

#include "labels/codes/check_digits.h"
#include "labels/codes/text_util.h"

namespace rs::labels {

namespace {

// Source: shared/DESIGN.md (short human-readable numbers such as RO-000123) and the code-grammar
// issue: one check character, ISO/IEC 7064 MOD 37,36 (hybrid system, alphabet 0-9A-Z), over
// prefix + body with hyphens ignored, so a misread or mistyped character is caught.
constexpr std::array kRules = {
    OwnIdRule{CodeKind::Rma, "RMA", true, "RMA number"},
    OwnIdRule{CodeKind::RepairOrder, "RO", true, "repair order tag"},
    OwnIdRule{CodeKind::Bin, "BIN", false, "bin code"},
    OwnIdRule{CodeKind::OperatorBadge, "OP", false, "operator badge"},
    OwnIdRule{CodeKind::PartSku, "SKU", false, "part SKU"},
};

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

bool body_char_ok(const OwnIdRule& rule, char c) {
    if (c >= '0' && c <= '9') return true;
    if (rule.digits_only) return false;
    return (c >= 'A' && c <= 'Z') || c == '-';
}

// Empty when fine, else what is wrong with the body.
std::string body_problem(const OwnIdRule& rule, std::string_view body) {
    bool has_content = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (!body_char_ok(rule, body[i])) {
            char c = body[i];
            std::string shown = is_printable_ascii(c)
                                    ? fmt::format("\"{}\"", c)
                                    : fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
            return fmt::format("{} body may only hold {}: {} at character {}", rule.prefix,
                               rule.digits_only ? "digits" : "0-9, A-Z and -", shown, i + 1);
        }
        if (body[i] != '-') has_content = true;
    }
    if (!has_content) return fmt::format("{} number has no body", rule.prefix);
    return {};
}

std::optional<char> check_of(const OwnIdRule& rule, std::string_view body) {
    std::string payload(rule.prefix);
    for (char c : body) {
        if (c != '-') payload.push_back(c);
    }
    return iso7064_mod37_36(payload);
}

const OwnIdRule* rule_for(CodeKind kind) {
    for (const auto& rule : kRules) {
        if (rule.kind == kind) return &rule;
    }
    return nullptr;
}

}  // namespace

std::span<const OwnIdRule> own_id_rules() {
    return kRules;
}

Candidates classify_own_id(std::string_view raw) {
    Candidates out;
    std::string text = upper(raw);
    for (const auto& rule : kRules) {
        std::string head = fmt::format("{}-", rule.prefix);
        if (text.compare(0, head.size(), head) != 0) continue;
        Candidate c;
        c.specific = true;
        c.reading.kind = rule.kind;
        std::string_view rest = std::string_view(text).substr(head.size());
        c.reading.fields.emplace_back("number", text);
        if (rest.size() < 2) {
            c.reading.why =
                fmt::format("{} number needs a body and a check character", rule.prefix);
            out.push_back(std::move(c));
            continue;
        }
        std::string_view body = rest.substr(0, rest.size() - 1);
        char actual = rest.back();
        c.reading.fields.emplace_back("body", std::string(body));
        c.reading.fields.emplace_back("check", std::string(1, actual));
        if (std::string problem = body_problem(rule, body); !problem.empty()) {
            c.reading.why = problem;
            out.push_back(std::move(c));
            continue;
        }
        auto expected = check_of(rule, body);
        c.reading.valid = expected && *expected == actual;
        c.reading.why =
            c.reading.valid
                ? fmt::format("{} {}-{}, check character {} ok (ISO/IEC 7064 MOD 37,36)", rule.name,
                              rule.prefix, body, actual)
                : fmt::format("{} check character is {}, expected {}", rule.prefix,
                              escape_bytes(std::string_view(&actual, 1)), expected.value_or('?'));
        out.push_back(std::move(c));
    }
    return out;
}

std::string build_own_id(CodeKind kind, std::string_view raw_body) {
    const OwnIdRule* rule = rule_for(kind);
    if (rule == nullptr) return {};
    std::string body = upper(raw_body);
    if (body.empty() || !body_problem(*rule, body).empty()) return {};
    auto check = check_of(*rule, body);
    if (!check) return {};
    return fmt::format("{}-{}{}", rule->prefix, body, *check);
}

}  // namespace rs::labels
