// Code grammar: tells what a scanned text is (tracking number, GS1 data, our ids, IMEI...).
#include "labels/codes/code_grammar.h"

#include <algorithm>
#include <exception>

#include <fmt/core.h>

#include "labels/codes/aim.h"
#include "labels/codes/candidate.h"
#include "labels/codes/check_digits.h"
#include "labels/codes/gs1.h"
#include "labels/codes/gs1_dates.h"
#include "labels/codes/own_ids.h"
#include "labels/codes/product_ids.h"
#include "labels/codes/text_util.h"
#include "labels/codes/tracking_numbers.h"

namespace rs::labels {

namespace {

// Longer scans are no code we know; the bound keeps regex work small on garbage.
constexpr std::size_t kMaxScanBytes = 4096;
// A plain device serial number, when nothing else fits.
constexpr std::size_t kSerialMin = 6;
constexpr std::size_t kSerialMax = 40;

Classification unknown(std::string why, std::size_t length) {
    Classification c;
    c.kind = CodeKind::Unknown;
    c.valid = false;
    c.fields.emplace_back("length", std::to_string(length));
    c.why = std::move(why);
    return c;
}

void append(Candidates& all, Candidates more) {
    for (auto& c : more)
        all.push_back(std::move(c));
}

// Makers' serial numbers use letters, digits and a few separators; punctuation beyond that is
// far more likely a misread or typing than a serial.
bool is_serial_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '/' || c == '.' || c == '_';
}

bool serial_shaped(std::string_view text) {
    if (text.size() < kSerialMin || text.size() > kSerialMax) return false;
    return std::all_of(text.begin(), text.end(), is_serial_char);
}

// Why nothing fits, in words that help the person at the bench.
std::string nothing_fits(std::string_view payload) {
    if (std::all_of(payload.begin(), payload.end(), [](char c) { return c == ' '; })) {
        return "blank scan (only spaces)";
    }
    if (std::size_t bad = first_invalid_utf8(payload); bad != std::string_view::npos) {
        return fmt::format("not valid UTF-8 (byte 0x{:02X} at position {}): binary data?",
                           static_cast<unsigned char>(payload[bad]), bad + 1);
    }
    for (std::size_t i = 0; i < payload.size(); ++i) {
        auto b = static_cast<unsigned char>(payload[i]);
        if (b < 0x20 || b == 0x7f) {
            return fmt::format("contains control characters (0x{:02X} at position {})", b, i + 1);
        }
    }
    for (std::size_t i = 0; i < payload.size(); ++i) {
        if (static_cast<unsigned char>(payload[i]) >= 0x80) {
            return "contains non-ASCII characters and matches no rule";
        }
    }
    if (payload.find(' ') != std::string_view::npos) return "contains spaces and matches no rule";
    if (payload.size() < kSerialMin) {
        return fmt::format("too short ({} characters) for a serial number and matches no rule",
                           payload.size());
    }
    return fmt::format("too long ({} characters) for a serial number and matches no rule",
                       payload.size());
}

Candidates gs1_candidates(const AimSplit& split, int reference_year) {
    Candidates out;
    const std::string& payload = split.payload;
    if (split.family == AimFamily::Gs1) {
        std::string origin = fmt::format("{} {}", split.aim, aim_name(split.aim));
        out.push_back(classify_gs1_scanner_data(payload, origin, reference_year));
    } else if (looks_like_gs1_human_readable(payload)) {
        out.push_back(classify_gs1_human_readable(payload, reference_year));
    } else if (payload.find(kGroupSeparator) != std::string::npos) {
        // A GS in the data means GS1 even when the reader sent no AIM identifier.
        out.push_back(
            classify_gs1_scanner_data(payload, "scanner data with GS separators", reference_year));
    } else if (payload.size() >= 16 && all_digits(payload) &&
               (payload.starts_with("00") || payload.starts_with("01") ||
                payload.starts_with("02"))) {
        // Bare digits starting like an SSCC or GTIN element: only worth saying when it parses.
        Candidate c = classify_gs1_scanner_data(payload, "digits without symbology identifier",
                                                reference_year);
        c.specific = false;
        if (c.reading.valid) out.push_back(std::move(c));
    }
    return out;
}

std::vector<Classification> classify_impl(std::string_view symbology, std::string_view text,
                                          int reference_year) {
    if (text.empty()) return {unknown("empty scan", 0)};
    AimSplit split = split_aim(symbology, text);
    // Keyboard-wedge scanners end a scan with Enter; the terminator is not part of the code.
    while (!split.payload.empty() &&
           (split.payload.back() == '\r' || split.payload.back() == '\n')) {
        split.payload.pop_back();
    }
    const std::string& payload = split.payload;
    if (payload.empty() && split.aim.empty()) return {unknown("empty scan", text.size())};
    if (payload.empty()) {
        return {unknown(fmt::format("symbology identifier {} but no data", escape_bytes(split.aim)),
                        text.size())};
    }
    if (payload.size() > kMaxScanBytes) {
        return {unknown(fmt::format("too long ({} bytes) for any code we know", payload.size()),
                        payload.size())};
    }

    // Order of the rules is the order of equally good readings: our ids, carriers, GS1, GTIN,
    // IMEI.
    Candidates all;
    append(all, classify_own_id(payload));
    append(all, classify_tracking(payload));
    append(all, gs1_candidates(split, reference_year));
    std::string compact = compact_upper(payload);
    if (all_digits(compact)) {
        append(all, classify_gtin(compact, split.family == AimFamily::EanUpc));
        append(all, classify_imei(compact));
    } else if (split.family == AimFamily::EanUpc) {
        Candidate c;
        c.specific = true;
        c.reading.kind = CodeKind::Gtin;
        c.reading.why = fmt::format("{} symbol must hold digits only", aim_name(split.aim));
        all.push_back(std::move(c));
    }

    bool any_valid =
        std::any_of(all.begin(), all.end(), [](const Candidate& c) { return c.reading.valid; });
    bool specific_failure = std::any_of(
        all.begin(), all.end(), [](const Candidate& c) { return !c.reading.valid && c.specific; });
    // Generic failures (a length of digits whose check fails) only help when nothing is valid.
    std::erase_if(all,
                  [&](const Candidate& c) { return any_valid && !c.reading.valid && !c.specific; });
    if (!any_valid && !specific_failure && serial_shaped(payload)) {
        Candidate c;
        c.confidence = Confidence::Fallback;
        c.reading.kind = CodeKind::Serial;
        c.reading.valid = true;
        c.reading.fields.emplace_back("serial", payload);
        c.reading.why = "no other rule matched; taken as a device serial";
        all.push_back(std::move(c));
    }
    if (all.empty()) return {unknown(nothing_fits(payload), payload.size())};

    std::stable_sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) {
        if (a.reading.valid != b.reading.valid) return a.reading.valid;
        return static_cast<int>(a.confidence) > static_cast<int>(b.confidence);
    });
    std::vector<Classification> out;
    out.reserve(all.size());
    for (auto& c : all) {
        // Whatever bytes came in, what goes out is printable ASCII (safe for JSON and logs).
        for (auto& field : c.reading.fields)
            field.second = escape_bytes(field.second);
        c.reading.why = escape_bytes(c.reading.why);
        out.push_back(std::move(c.reading));
    }
    return out;
}

std::vector<Classification> classify_guarded(std::string_view symbology, std::string_view text,
                                             std::int64_t time_ms) {
    try {
        return classify_impl(symbology, text, reference_year_of(time_ms));
    } catch (const std::exception& e) {
        return {
            unknown(fmt::format("internal error while classifying: {}", e.what()), text.size())};
    } catch (...) {
        return {unknown("internal error while classifying", text.size())};
    }
}

}  // namespace

const char* kind_name(CodeKind kind) {
    switch (kind) {
        case CodeKind::Gs1:
            return "gs1";
        case CodeKind::Gtin:
            return "gtin";
        case CodeKind::Tracking:
            return "tracking";
        case CodeKind::Rma:
            return "rma";
        case CodeKind::RepairOrder:
            return "repair_order";
        case CodeKind::Bin:
            return "bin";
        case CodeKind::OperatorBadge:
            return "operator_badge";
        case CodeKind::PartSku:
            return "part_sku";
        case CodeKind::Imei:
            return "imei";
        case CodeKind::Serial:
            return "serial";
        case CodeKind::Unknown:
            return "unknown";
    }
    return "unknown";
}

std::string Classification::field(const std::string& name) const {
    for (const auto& [key, value] : fields) {
        if (key == name) return value;
    }
    return {};
}

std::vector<Classification> classify(const Scan& scan) {
    return classify_guarded(scan.symbology, scan.text, scan.time_ms);
}

std::vector<Classification> classify(const std::string& text) {
    return classify_guarded({}, text, 0);
}

std::string make_own_id(CodeKind kind, const std::string& body) {
    try {
        return build_own_id(kind, body);
    } catch (...) {
        return {};
    }
}

}  // namespace rs::labels
