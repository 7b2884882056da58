// AIM symbology identifiers: where a scan came from (GS1 symbol, EAN/UPC, other) and its payload.
#pragma once

#include <string>
#include <string_view>

namespace rs::labels {

enum class AimFamily {
    None,    // no AIM identifier known
    Gs1,     // a GS1 symbol: the payload is a GS1 element string, GS is FNC1
    EanUpc,  // EAN-13 / UPC-A / EAN-8: the payload is a GTIN
    Other,   // any other symbology (Code 128 without FNC1, Code 39, plain QR...)
};

struct AimSplit {
    std::string aim;  // "]C1", or empty
    AimFamily family = AimFamily::None;
    std::string payload;  // the text without the AIM identifier
};

// Uses `symbology` when set, else an identifier typed at the start of `text` by a keyboard-wedge
// scanner. An identifier at the start of the text is removed in both cases.
AimSplit split_aim(std::string_view symbology, std::string_view text);

// Human name of a known identifier ("GS1-128"), or empty.
std::string_view aim_name(std::string_view aim);

}  // namespace rs::labels
