// AIM symbology identifiers: where a scan came from (GS1 symbol, EAN/UPC, other) and its payload.
#include "labels/codes/aim.h"

#include <array>

namespace rs::labels {

namespace {

struct AimRow {
    std::string_view aim;
    AimFamily family;
    std::string_view name;
};

// Source: ISO/IEC 15424 (symbology identifiers) and the GS1 General Specifications' table of
// symbology identifiers for GS1 data carriers: ]C1 GS1-128, ]e0 GS1 DataBar, ]d2 GS1
// DataMatrix, ]Q3 GS1 QR Code, ]J1 GS1 DotCode; ]E0 EAN-13/UPC-A/UPC-E, ]E4 EAN-8.
constexpr std::array kAimTable = {
    AimRow{"]C1", AimFamily::Gs1, "GS1-128"},
    AimRow{"]e0", AimFamily::Gs1, "GS1 DataBar"},
    AimRow{"]d2", AimFamily::Gs1, "GS1 DataMatrix"},
    AimRow{"]Q3", AimFamily::Gs1, "GS1 QR Code"},
    AimRow{"]J1", AimFamily::Gs1, "GS1 DotCode"},
    AimRow{"]E0", AimFamily::EanUpc, "EAN-13/UPC-A"},
    AimRow{"]E4", AimFamily::EanUpc, "EAN-8"},
};

bool is_alpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_alnum(char c) {
    return is_alpha(c) || (c >= '0' && c <= '9');
}

// "]" + symbology letter + modifier character.
bool looks_like_aim(std::string_view s) {
    return s.size() >= 3 && s[0] == ']' && is_alpha(s[1]) && is_alnum(s[2]);
}

AimFamily family_of(std::string_view aim) {
    for (const auto& row : kAimTable) {
        if (row.aim == aim) return row.family;
    }
    return aim.empty() ? AimFamily::None : AimFamily::Other;
}

}  // namespace

std::string_view aim_name(std::string_view aim) {
    for (const auto& row : kAimTable) {
        if (row.aim == aim) return row.name;
    }
    return {};
}

AimSplit split_aim(std::string_view symbology, std::string_view text) {
    AimSplit out;
    std::string_view payload = text;
    std::string_view in_text;
    if (looks_like_aim(text)) {
        in_text = text.substr(0, 3);
        payload = text.substr(3);
    }
    std::string_view aim = looks_like_aim(symbology) ? symbology.substr(0, 3) : in_text;
    out.aim = std::string(aim);
    out.family = family_of(aim);
    out.payload = std::string(payload);
    return out;
}

}  // namespace rs::labels
