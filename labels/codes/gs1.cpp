// GS1 element strings: parses scanner data (GS as FNC1) and the "(01)..." human-readable form.
#include "labels/codes/gs1.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "labels/codes/check_digits.h"
#include "labels/codes/gs1_ai_table.h"
#include "labels/codes/gs1_dates.h"
#include "labels/codes/text_util.h"

namespace rs::labels {

namespace {

struct Element {
    std::string ai;
    std::string value;
    const AiRule* rule = nullptr;
};

// What parsing and checking found, turned into a Classification at the end.
struct Outcome {
    std::vector<Element> elements;
    std::vector<std::string> errors;
    std::vector<std::string> notes;
    std::vector<std::pair<std::string, std::string>> extras;
};

bool is_cset82(char c) {
    // GS1 General Specifications figure 7.11-1, "GS1 AI encodable character set 82":
    // ! " % & ' ( ) * + , - . / 0-9 : ; < = > ? A-Z _ a-z
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    static constexpr std::string_view kPunct = "!\"%&'()*+,-./:;<=>?_";
    return kPunct.find(c) != std::string_view::npos;
}

std::string describe_byte(char c) {
    if (is_printable_ascii(c)) return fmt::format("\"{}\"", c);
    return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
}

void check_part(const Element& e, const AiPart& part, std::string_view text, int reference_year,
                Outcome& out) {
    const std::string label = fmt::format("({})", e.ai);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (part.charset == AiCharset::Numeric && !(c >= '0' && c <= '9')) {
            out.errors.push_back(fmt::format("{} must be digits: {} at character {}", label,
                                             describe_byte(c), i + 1));
            return;
        }
        if (part.charset == AiCharset::Cset82 && !is_cset82(c)) {
            out.errors.push_back(fmt::format("{} {} at character {} is not in GS1 character set 82",
                                             label, describe_byte(c), i + 1));
            return;
        }
    }
    switch (part.linter) {
        case AiLinter::None:
            break;
        case AiLinter::CheckDigit: {
            auto expected = gs1_mod10(text.substr(0, text.size() - 1));
            int actual = text.back() - '0';
            if (expected && *expected != actual) {
                out.errors.push_back(fmt::format("{} {} check digit is {}, expected {}", label,
                                                 e.rule->key_name, actual, *expected));
            }
            break;
        }
        case AiLinter::DateYymmd0:
        case AiLinter::DateYymmdd: {
            Gs1Date date =
                check_gs1_date(text, part.linter == AiLinter::DateYymmd0, reference_year);
            if (!date.ok) {
                out.errors.push_back(fmt::format("{} date {}: {}", label, text, date.error));
            } else if (!e.rule->alias.empty()) {
                out.extras.emplace_back(std::string(e.rule->alias), date.iso);
            }
            break;
        }
    }
}

// Length, character set, check digit and date of one element.
void check_element(const Element& e, bool scanner_data, int reference_year, Outcome& out) {
    const AiRule& rule = *e.rule;
    const std::string label = fmt::format("({})", e.ai);
    const int len = static_cast<int>(e.value.size());
    const char* unit = rule.parts[0].charset == AiCharset::Numeric && rule.part_count == 1
                           ? "digits"
                           : "characters";
    if (len == 0) {
        out.errors.push_back(fmt::format("{} is empty", label));
        return;
    }
    if (rule.fixed_length() && len != rule.max_length()) {
        out.errors.push_back(
            fmt::format("{} must be {} {}, got {}", label, rule.max_length(), unit, len));
        return;
    }
    if (len > rule.max_length()) {
        out.errors.push_back(fmt::format("{} is {} characters long, at most {} allowed{}", label,
                                         len, rule.max_length(),
                                         scanner_data ? " (missing GS separator?)" : ""));
        return;
    }
    if (len < rule.min_length()) {
        out.errors.push_back(fmt::format("{} is {} characters long, at least {} needed", label, len,
                                         rule.min_length()));
        return;
    }
    std::size_t pos = 0;
    for (int i = 0; i < rule.part_count; ++i) {
        const AiPart& part = rule.parts[static_cast<std::size_t>(i)];
        bool last = i + 1 == rule.part_count;
        std::size_t take = last ? e.value.size() - pos : static_cast<std::size_t>(part.max_len);
        check_part(e, part, std::string_view(e.value).substr(pos, take), reference_year, out);
        pos += take;
    }
    bool is_date = rule.parts[0].linter == AiLinter::DateYymmd0;
    if (!rule.alias.empty() && !is_date) out.extras.emplace_back(std::string(rule.alias), e.value);
}

void check_duplicates(Outcome& out) {
    // GS1 General Specifications: an AI may appear twice in one symbol only with the same value.
    for (std::size_t i = 0; i < out.elements.size(); ++i) {
        for (std::size_t j = i + 1; j < out.elements.size(); ++j) {
            if (out.elements[i].ai == out.elements[j].ai &&
                out.elements[i].value != out.elements[j].value) {
                out.errors.push_back(
                    fmt::format("({}) appears twice with different values", out.elements[i].ai));
                return;
            }
        }
    }
}

Candidate finish(Outcome& out, std::string_view origin, bool scanner_data, int reference_year) {
    for (const Element& e : out.elements) {
        if (e.rule != nullptr) check_element(e, scanner_data, reference_year, out);
    }
    check_duplicates(out);

    Candidate c;
    c.specific = true;
    c.reading.kind = CodeKind::Gs1;
    std::string ais;
    for (const Element& e : out.elements) {
        c.reading.fields.emplace_back(fmt::format("({})", e.ai), escape_bytes(e.value));
        ais += fmt::format("({})", e.ai);
    }
    for (auto& extra : out.extras)
        c.reading.fields.push_back(std::move(extra));

    if (out.elements.empty() && out.errors.empty()) {
        out.errors.push_back("no element string after the symbology identifier");
    }
    c.reading.valid = out.errors.empty();
    if (c.reading.valid) {
        c.reading.why = fmt::format(
            "GS1 element string ({}): AIs {}, lengths, check digits and dates ok", origin, ais);
    } else {
        std::string joined;
        for (const auto& err : out.errors)
            joined += (joined.empty() ? "" : "; ") + err;
        c.reading.why = joined;
    }
    for (const auto& note : out.notes)
        c.reading.why += "; " + note;
    return c;
}

// The AI starting at `pos`: AIs are prefix-free, so the first of 2, 3, 4 digits that is known
// is the AI.
const AiRule* ai_at(std::string_view data, std::size_t pos, std::size_t& ai_len) {
    for (std::size_t len = 2; len <= 4 && pos + len <= data.size(); ++len) {
        std::string_view ai = data.substr(pos, len);
        if (!all_digits(ai)) return nullptr;
        if (const AiRule* rule = find_ai_rule(ai)) {
            ai_len = len;
            return rule;
        }
    }
    return nullptr;
}

// "(" 2-4 digits ")" at `pos`: sets `ai` and `after` (index past ")").
bool bracketed_ai_at(std::string_view text, std::size_t pos, std::string_view& ai,
                     std::size_t& after) {
    if (pos >= text.size() || text[pos] != '(') return false;
    std::size_t close = text.find(')', pos + 1);
    if (close == std::string_view::npos) return false;
    std::string_view inside = text.substr(pos + 1, close - pos - 1);
    if (inside.size() < 2 || inside.size() > 4 || !all_digits(inside)) return false;
    ai = inside;
    after = close + 1;
    return true;
}

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

}  // namespace

Candidate classify_gs1_scanner_data(std::string_view data, std::string_view origin,
                                    int reference_year) {
    Outcome out;
    std::size_t pos = 0;
    // Some readers transmit the leading FNC1 as a GS as well.
    if (pos < data.size() && data[pos] == kGroupSeparator) ++pos;
    while (pos < data.size()) {
        if (data[pos] == kGroupSeparator) {
            out.notes.push_back(fmt::format("empty field at position {} ignored", pos + 1));
            ++pos;
            continue;
        }
        std::size_t ai_len = 0;
        const AiRule* rule = ai_at(data, pos, ai_len);
        if (rule == nullptr) {
            out.errors.push_back(
                fmt::format("unknown AI: no GS1 Application Identifier known at {} (position {})",
                            preview(data.substr(pos), 8), pos + 1));
            break;
        }
        Element e;
        e.ai = std::string(data.substr(pos, ai_len));
        e.rule = rule;
        pos += ai_len;
        std::size_t gs = data.find(kGroupSeparator, pos);
        std::size_t end = gs == std::string_view::npos ? data.size() : gs;
        if (rule->fixed_length()) {
            // GS1 GenSpecs 7.8.5: a fixed-length value ends after its length, whatever follows.
            std::size_t want = static_cast<std::size_t>(rule->max_length());
            std::size_t take = std::min(want, end - pos);
            e.value = std::string(data.substr(pos, take));
            pos += take;
            if (pos < data.size()) {
                if (data[pos] == kGroupSeparator) {
                    if (rule->predefined && take == want) {
                        out.notes.push_back(
                            fmt::format("GS after predefined-length ({}) not needed", e.ai));
                    }
                    ++pos;
                } else if (!rule->predefined) {
                    out.errors.push_back(
                        fmt::format("({}) is not of predefined length: a GS must follow it", e.ai));
                }
            }
        } else {
            e.value = std::string(data.substr(pos, end - pos));
            pos = end == data.size() ? end : end + 1;
        }
        out.elements.push_back(std::move(e));
    }
    return finish(out, origin, true, reference_year);
}

bool looks_like_gs1_human_readable(std::string_view text) {
    std::string_view ai;
    std::size_t after = 0;
    return bracketed_ai_at(trim_spaces(text), 0, ai, after);
}

Candidate classify_gs1_human_readable(std::string_view text, int reference_year) {
    Outcome out;
    text = trim_spaces(text);
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::string_view ai;
        std::size_t after = 0;
        if (!bracketed_ai_at(text, pos, ai, after)) {
            out.errors.push_back(fmt::format("expected \"(AI)\" at {} (position {})",
                                             preview(text.substr(pos), 8), pos + 1));
            break;
        }
        // The value runs to the next "(AI)"; brackets inside values are rare enough to accept
        // that a batch like "A(12)" would be split.
        std::size_t next = after;
        std::string_view next_ai;
        std::size_t next_after = 0;
        while (next < text.size() && !bracketed_ai_at(text, next, next_ai, next_after))
            ++next;
        Element e;
        e.ai = std::string(ai);
        e.value = std::string(trim_spaces(text.substr(after, next - after)));
        e.rule = find_ai_rule(ai);
        if (e.rule == nullptr) {
            out.errors.push_back(
                fmt::format("unknown AI: ({}) is not a known GS1 Application Identifier", ai));
        }
        out.elements.push_back(std::move(e));
        pos = next;
    }
    return finish(out, "human-readable form", false, reference_year);
}

}  // namespace rs::labels
