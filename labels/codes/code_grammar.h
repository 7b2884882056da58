// Code grammar: tells what a scanned text is (tracking number, GS1 data, our ids, IMEI...).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/scan.h"

namespace rs::labels {

// Every kind of code the station knows. `kind_name` gives the stable lowercase name used in
// JSON output and in the database.
enum class CodeKind {
    Gs1,            // GS1 element string (GS1-128, GS1 DataMatrix/QR/DataBar, or "(01)..." text)
    Gtin,           // a bare EAN-8 / UPC-A / EAN-13 / GTIN-14
    Tracking,       // a carrier tracking number
    Rma,            // platform after-sales request number
    RepairOrder,    // our repair order tag RO-...
    Bin,            // storage bin / location code
    OperatorBadge,  // operator badge
    PartSku,        // our part SKU
    Imei,           // 15-digit IMEI
    Serial,         // plain device serial number (fallback)
    Unknown,        // nothing fits
};

const char* kind_name(CodeKind kind);

// One reading of a scan. Fields are ordered as found: for GS1 the AI in brackets ("(01)") is
// the key; other kinds use names like "carrier", "tracking_number", "number", "check".
struct Classification {
    CodeKind kind = CodeKind::Unknown;
    bool valid = false;
    std::vector<std::pair<std::string, std::string>> fields;
    // Why: the rule that matched ("UPS 1Z, check digit 4 ok") or what is wrong
    // ("GTIN check digit is 3, expected 7").
    std::string why;

    // The value of a field, or empty when absent.
    std::string field(const std::string& name) const;
};

// Every kind the text can be, best first: valid readings before invalid ones. Never empty: if
// nothing fits, one Unknown entry says so. Two carriers whose patterns both fit are both
// returned, not guessed.
std::vector<Classification> classify(const Scan& scan);

// The same for a bare text (AIM prefix at its start is recognised).
std::vector<Classification> classify(const std::string& text);

// Our own ids: prefix + body + one check character (ISO/IEC 7064 MOD 37,36 hybrid).
// `make_own_id(CodeKind::RepairOrder, "000123")` gives "RO-000123" plus its check character.
// Empty when `kind` is not one of ours (Rma, RepairOrder, Bin, OperatorBadge, PartSku) or the body
// is empty or holds characters the kind does not allow (RO, RMA: digits; BIN, OP, SKU: 0-9, A-Z
// and '-'); lower case is upper-cased.
std::string make_own_id(CodeKind kind, const std::string& body);

}  // namespace rs::labels
