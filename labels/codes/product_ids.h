// Bare product identifiers on a device or its box: GTIN (EAN/UPC) and IMEI.
#pragma once

#include <string_view>

#include "labels/codes/candidate.h"

namespace rs::labels {

// 8, 12, 13 or 14 digits with a GS1 check digit. `from_ean_symbol` (AIM ]E0/]E4) makes the
// reading specific: the symbol can only be a GTIN.
Candidates classify_gtin(std::string_view digits, bool from_ean_symbol);

// 15 digits: 8-digit TAC, 6-digit serial, Luhn check digit (3GPP TS 23.003 clause 6.2.1 and
// annex B).
Candidates classify_imei(std::string_view digits);

}  // namespace rs::labels
