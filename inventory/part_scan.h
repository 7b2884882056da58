// Part scans: what a scanned part label says (part, lot, serial, quantity, expiry).
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "inventory/catalog.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct PartScan {
    Part part;
    std::string lot;       // GS1 (10)
    std::string serial;    // GS1 (21)
    std::string expiry;    // GS1 (17), YYMMDD as on the label
    std::int64_t qty = 1;  // GS1 (30) or (37); 1 when the label gives none
};

// Accepts a GS1 element string (scanner data with GS, or "(01)...(10)..."), a bare GTIN, or
// our SKU. Invalid with the grammar's reason for a damaged label; NotFound with how to add the
// part for a GTIN or SKU the catalog does not know.
Result<PartScan> resolve_part_scan(Inventory& inventory, const std::string& text);

}  // namespace rs::inventory
