// Carrier tracking numbers: a table of carriers, patterns and check-digit methods.
#include "labels/codes/tracking_numbers.h"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "labels/codes/check_digits.h"
#include "labels/codes/postal_countries.h"
#include "labels/codes/text_util.h"

namespace rs::labels {

namespace {

// Sources, per row:
// - UPS: "1Z" + 6 shipper + 2 service + 7 package + check; modified mod 10 over the 15
//   characters after 1Z (odd positions + 2 x even positions, letters A=2..H=9, I=0, J=1... i.e.
//   (ordinal+2) mod 10), as UPS's Web API department stated it (Google Answers thread 207899,
//   "UPS modified mod 10"). 1Z999AA10123456784 is the sample number UPS shows for tracking
//   tests.
// - FedEx Express 12 digits: weights 1,3,7 from the right over 11 digits, sum mod 11, 10 -> 0
//   (FedEx Web API department, Google Answers thread 207899, example 012345678983).
// - FedEx Ground 15 digits: 7-digit account + 7-digit package + mod 10 weights 3,1 (FedEx Ground
//   "Bar Code & Label Layout Specification" FY04.A, 2004, "Check digit calculation algorithms";
//   FedEx Ship Manager Server guide: "the complete 15-digit number").
// - FedEx Ground "96" barcode, 22 digits: "96" + 2-digit SCNC + 3-digit service + the 15-digit
//   tracking number (same FedEx Ground specification, "FedEx Ground 96 Code 128").
// - FedEx Express 34-digit 1D barcode: the tracking number is its last 12 digits (FedEx
//   ship-label layout; structure as collected in the tracking_number_data project).
// - USPS IMpb: 22 or 26 digits starting with the channel application id 91-95, mod 10 weights
//   3,1 (USPS Publication 199, IMpb Implementation Guide, "Mod 10 check digit"); on a label the
//   barcode may start with the GS1 routing element "420" + 5- or 9-digit ZIP, then FNC1 (GS).
// - USPS 20 digits (legacy PIC, e.g. Certified Mail "71..."), same mod 10.
// - DHL Express 10-digit waybill: "10-digit number" (DHL tracking-id help page), check digit =
//   first 9 digits mod 7 (as used by DHL's air waybill numbers; not stated in a DHL document
//   we could find).
// - UPU S10: 2 letters service indicator + 8-digit serial + check + ISO 3166 alpha-2 country
//   (UPU S10 standard, "check digit": weights 8,6,4,2,3,5,9,7; 11 - sum mod 11; 10 -> 0,
//   11 -> 5; worked example 47312482 -> 9).
// - SF Express "SF" + 12-13 digits, JD Logistics "JD" + 2 letters/digits + 11 digits (package
//   suffix "-n-m-" optional), YTO "YT" + 13 digits, ZTO 12 digits starting 73-79 or 14 digits
//   starting 78: the carriers' own tracking pages show these shapes; none publishes a check
//   digit, so they are pattern only.
constexpr std::array kRules = {
    TrackingRule{"UPS", "1Z", "UPS 1Z", R"(^(1Z[0-9A-Z]{16})$)", TrackingCheck::UpsMod10, true,
                 "1Z + 15 letters/digits + check digit"},
    TrackingRule{"FedEx", "Express", "FedEx Express", R"(^(\d{12})$)", TrackingCheck::FedexExpress,
                 false, "12 digits"},
    TrackingRule{"FedEx", "Ground", "FedEx Ground", R"(^(\d{15})$)", TrackingCheck::Gs1Mod10, false,
                 "15 digits"},
    TrackingRule{"FedEx", "Express", "FedEx Express", R"(^10\d{20}(\d{12})$)",
                 TrackingCheck::FedexExpress, true, "34-digit Express barcode, number = last 12"},
    TrackingRule{"FedEx", "Ground", "FedEx Ground", R"(^96\d{5}(\d{15})$)", TrackingCheck::Gs1Mod10,
                 true, "22-digit \"96\" Ground barcode, number = last 15"},
    TrackingRule{"USPS", "IMpb", "USPS IMpb", R"(^(9[1-5](?:\d{20}|\d{24}))$)",
                 TrackingCheck::Gs1Mod10, false, "22 or 26 digits starting 91-95"},
    TrackingRule{"USPS", "IMpb", "USPS IMpb", R"(^420\d)", TrackingCheck::UspsRouted, true,
                 "420 + ZIP (5 or 9 digits) + [GS] + IMpb"},
    TrackingRule{"USPS", "20-digit", "USPS", R"(^(\d{20})$)", TrackingCheck::Gs1Mod10, false,
                 "20 digits"},
    TrackingRule{"DHL", "Express", "DHL Express", R"(^(\d{10})$)", TrackingCheck::DhlMod7, false,
                 "10 digits"},
    TrackingRule{"UPU S10", "", "S10", R"(^([A-Z]{2}\d{9}[A-Z]{2})$)", TrackingCheck::UpuS10, true,
                 "2 letters + 8 digits + check + ISO country"},
    TrackingRule{"SF Express", "", "SF Express", R"(^(SF\d{12,13})$)", TrackingCheck::None, true,
                 "SF + 12-13 digits"},
    TrackingRule{"JD Logistics", "", "JD Logistics",
                 R"(^(JD[A-Z0-9]{2}\d{11})(?:-\d{1,4}-\d{1,4}-?)?$)", TrackingCheck::None, true,
                 "JD + 2 letters/digits + 11 digits"},
    TrackingRule{"YTO Express", "", "YTO Express", R"(^(YT\d{13})$)", TrackingCheck::None, true,
                 "YT + 13 digits"},
    TrackingRule{"ZTO Express", "", "ZTO Express", R"(^(7[3-9]\d{10}|78\d{12})$)",
                 TrackingCheck::None, false, "12 digits starting 73-79, or 14 starting 78"},
};

const std::vector<std::regex>& compiled_rules() {
    static const std::vector<std::regex> compiled = [] {
        std::vector<std::regex> out;
        out.reserve(kRules.size());
        for (const auto& rule : kRules) {
            out.emplace_back(rule.pattern.begin(), rule.pattern.end(), std::regex::ECMAScript);
        }
        return out;
    }();
    return compiled;
}

Candidate base_candidate(const TrackingRule& rule, std::string_view number) {
    Candidate c;
    c.specific = rule.specific;
    c.reading.kind = CodeKind::Tracking;
    c.reading.fields.emplace_back("carrier", std::string(rule.carrier));
    if (!rule.service.empty()) c.reading.fields.emplace_back("service", std::string(rule.service));
    c.reading.fields.emplace_back("tracking_number", std::string(number));
    return c;
}

// Compares a computed check digit with the one in the number and fills valid/why.
void settle(Candidate& c, const TrackingRule& rule, std::optional<int> expected, char actual) {
    c.reading.fields.emplace_back("check", std::string(1, actual));
    if (!expected) {
        c.reading.valid = false;
        c.reading.why = fmt::format("{}: cannot compute the check digit", rule.name);
        return;
    }
    c.reading.valid = actual == static_cast<char>('0' + *expected);
    c.reading.why = c.reading.valid ? fmt::format("{}, check digit {} ok", rule.name, actual)
                                    : fmt::format("{} check digit is {}, expected {}", rule.name,
                                                  actual, *expected);
}

Candidate check_s10(std::string_view number) {
    std::string_view indicator = number.substr(0, 2);
    std::string_view serial = number.substr(2, 8);
    char actual = number[10];
    std::string_view country = number.substr(11, 2);
    std::string_view op = postal_operator(country);

    Candidate c;
    c.specific = true;
    c.reading.kind = CodeKind::Tracking;
    std::string carrier =
        op.empty() ? fmt::format("postal operator of {}", country) : std::string(op);
    c.reading.fields.emplace_back("carrier", carrier);
    c.reading.fields.emplace_back("service", std::string(s10_service_name(indicator)));
    c.reading.fields.emplace_back("tracking_number", std::string(number));
    c.reading.fields.emplace_back("service_indicator", std::string(indicator));
    c.reading.fields.emplace_back("serial", std::string(serial));
    c.reading.fields.emplace_back("check", std::string(1, actual));
    c.reading.fields.emplace_back("country", std::string(country));

    auto expected = upu_s10(serial);
    if (!is_iso3166_alpha2(country)) {
        c.reading.valid = false;
        c.reading.why =
            fmt::format("S10 country code {} is not an ISO 3166-1 alpha-2 code", country);
        return c;
    }
    if (!expected || actual != static_cast<char>('0' + *expected)) {
        c.reading.valid = false;
        c.reading.why =
            fmt::format("S10 check digit is {}, expected {}", actual, expected.value_or(0));
        return c;
    }
    c.reading.valid = true;
    c.reading.why =
        fmt::format("UPU S10 item from {} ({}), check digit {} ok", carrier, country, actual);
    return c;
}

// "420" + ZIP + [GS] + PIC. Without the GS the ZIP length is unknown: both 5 and 9 are tried and
// the check digit decides; when both pass both are returned.
Candidates check_usps_routed(const TrackingRule& rule, std::string_view text) {
    static const std::regex kPic(R"(^9[1-5](?:\d{20}|\d{24})$)");
    std::string_view rest = text.substr(3);
    std::vector<std::pair<std::string_view, std::string_view>> splits;
    std::size_t gs = rest.find(kGroupSeparator);
    if (gs != std::string_view::npos) {
        splits.emplace_back(rest.substr(0, gs), rest.substr(gs + 1));
    } else {
        for (std::size_t zip_len : {std::size_t{5}, std::size_t{9}}) {
            if (rest.size() > zip_len)
                splits.emplace_back(rest.substr(0, zip_len), rest.substr(zip_len));
        }
    }
    Candidates valid;
    Candidates invalid;
    for (auto [zip, pic] : splits) {
        if ((zip.size() != 5 && zip.size() != 9) || !all_digits(zip)) continue;
        std::string pic_s(pic);
        if (!std::regex_match(pic_s, kPic)) continue;
        Candidate c = base_candidate(rule, pic);
        c.reading.fields.emplace_back("zip", std::string(zip));
        settle(c, rule, gs1_mod10(pic.substr(0, pic.size() - 1)), pic.back());
        c.reading.fields.emplace_back("barcode", escape_bytes(text));
        if (c.reading.valid) {
            c.reading.why += fmt::format(" (routing 420, ZIP {})", zip);
            valid.push_back(std::move(c));
        } else {
            invalid.push_back(std::move(c));
        }
    }
    return valid.empty() ? invalid : valid;
}

std::optional<int> expected_check(TrackingCheck check, std::string_view number) {
    std::string_view payload = number.substr(0, number.size() - 1);
    switch (check) {
        case TrackingCheck::UpsMod10:
            return ups_mod10(number.substr(2, 15));
        case TrackingCheck::FedexExpress:
            return fedex_express(payload);
        case TrackingCheck::Gs1Mod10:
            return gs1_mod10(payload);
        case TrackingCheck::DhlMod7:
            return dhl_mod7(payload);
        default:
            return std::nullopt;
    }
}

}  // namespace

std::span<const TrackingRule> tracking_rules() {
    return kRules;
}

Candidates classify_tracking(std::string_view raw) {
    Candidates out;
    // Typed numbers come in groups and lower case; scanned GS1 routing data keeps its GS.
    std::string text = compact_upper(raw);
    if (text.empty() || text.size() > 64) return out;
    const auto& regexes = compiled_rules();
    for (std::size_t i = 0; i < kRules.size(); ++i) {
        const TrackingRule& rule = kRules[i];
        std::smatch m;
        if (!std::regex_search(text, m, regexes[i])) continue;
        if (rule.check == TrackingCheck::UspsRouted) {
            for (auto& c : check_usps_routed(rule, text))
                out.push_back(std::move(c));
            continue;
        }
        std::string number = m.size() > 1 ? m[1].str() : m[0].str();
        if (rule.check == TrackingCheck::UpuS10) {
            out.push_back(check_s10(number));
            continue;
        }
        Candidate c = base_candidate(rule, number);
        if (rule.check == TrackingCheck::None) {
            c.confidence = Confidence::PatternOnly;
            c.reading.valid = true;
            c.reading.why = fmt::format("{} ({}): pattern only, no public check digit", rule.name,
                                        rule.describe);
        } else {
            settle(c, rule, expected_check(rule.check, number), number.back());
        }
        if (number != text) c.reading.fields.emplace_back("barcode", escape_bytes(text));
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::string_view> checked_carriers() {
    std::vector<std::string_view> names;
    for (const auto& rule : kRules) {
        std::string_view name = rule.check == TrackingCheck::UpuS10 ? "China Post" : rule.carrier;
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

bool is_tracking_number_of(std::string_view carrier, std::string_view number) {
    for (const auto& candidate : classify_tracking(number))
        if (candidate.reading.valid && candidate.reading.field("carrier") == carrier &&
            candidate.reading.field("tracking_number") == number)
            return true;
    return false;
}

}  // namespace rs::labels
