// Receiving: supplier cartons scanned (GS1 labels) into a bin.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct ReceiveRequest {
    std::string bin_code;
    std::string scan;  // GS1 label (GTIN, lot, serial, quantity, expiry), GTIN or SKU
    std::optional<std::int64_t> qty;        // overrides the label's (30); default 1
    std::optional<std::int64_t> unit_cost;  // what the supplier charged, minor units
    std::string reference;                  // the receipt or delivery note
    std::string person;
};

struct Received {
    std::string sku;
    std::string lot, serial, expiry;
    std::int64_t qty = 0;
    std::int64_t move_id = 0;
};

// One move SUPPLIER -> bin. Unknown GTIN: NotFound saying how to add it to the catalog;
// a lot-tracked part without (10) or a serial-tracked one without (21): Invalid.
Result<Received> receive(Inventory& inventory, const ReceiveRequest& request);

}  // namespace rs::inventory
