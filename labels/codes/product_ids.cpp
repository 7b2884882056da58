// Bare product identifiers on a device or its box: GTIN (EAN/UPC) and IMEI.
#include "labels/codes/product_ids.h"

#include <array>
#include <string>

#include <fmt/core.h>

#include "labels/codes/check_digits.h"

namespace rs::labels {

namespace {

struct GtinFormat {
    std::size_t length;
    std::string_view name;
};

// Source: GS1 General Specifications, GTIN formats (GTIN-8/12/13/14) and 7.9.1 (check digit).
constexpr std::array kGtinFormats = {
    GtinFormat{8, "GTIN-8 (EAN-8)"},
    GtinFormat{12, "GTIN-12 (UPC-A)"},
    GtinFormat{13, "GTIN-13 (EAN-13)"},
    GtinFormat{14, "GTIN-14"},
};

}  // namespace

Candidates classify_gtin(std::string_view digits, bool from_ean_symbol) {
    Candidates out;
    if (!all_digits(digits)) return out;
    for (const auto& format : kGtinFormats) {
        if (digits.size() != format.length) continue;
        Candidate c;
        c.specific = from_ean_symbol;
        c.reading.kind = CodeKind::Gtin;
        char actual = digits.back();
        c.reading.fields.emplace_back("gtin", std::string(digits));
        c.reading.fields.emplace_back("gtin14",
                                      std::string(14 - digits.size(), '0') + std::string(digits));
        c.reading.fields.emplace_back("format", std::string(format.name));
        c.reading.fields.emplace_back("check", std::string(1, actual));
        int expected = gs1_mod10(digits.substr(0, digits.size() - 1)).value_or(0);
        c.reading.valid = actual - '0' == expected;
        c.reading.why = c.reading.valid
                            ? fmt::format("{}, check digit {} ok", format.name, actual)
                            : fmt::format("GTIN check digit is {}, expected {}", actual, expected);
        out.push_back(std::move(c));
    }
    return out;
}

Candidates classify_imei(std::string_view digits) {
    Candidates out;
    if (digits.size() != 15 || !all_digits(digits)) return out;
    Candidate c;
    c.reading.kind = CodeKind::Imei;
    char actual = digits.back();
    c.reading.fields.emplace_back("imei", std::string(digits));
    c.reading.fields.emplace_back("tac", std::string(digits.substr(0, 8)));
    c.reading.fields.emplace_back("serial", std::string(digits.substr(8, 6)));
    c.reading.fields.emplace_back("check", std::string(1, actual));
    int expected = luhn(digits.substr(0, 14)).value_or(0);
    c.reading.valid = actual - '0' == expected;
    c.reading.why = c.reading.valid
                        ? fmt::format("IMEI, Luhn check digit {} ok", actual)
                        : fmt::format("IMEI check digit is {}, expected {}", actual, expected);
    out.push_back(std::move(c));
    return out;
}

}  // namespace rs::labels
