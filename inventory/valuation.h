// Stock valuation: what the stock on hand is worth, now or at a past time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct PartValue {
    std::string sku;
    std::int64_t on_hand = 0;
    std::int64_t average_cost = 0;  // minor units per unit
    std::int64_t value = 0;         // minor units
};

struct StockValue {
    std::vector<PartValue> parts;  // parts with stock only
    std::int64_t total = 0;
};

// Now: on-hand times moving average cost, per part.
Result<StockValue> stock_value(Inventory& inventory);

// At a past time: the ledger replayed up to `at_ms` (each move carries the value it moved),
// total only. Differs from stock_value() by the rounding of averages, a few minor units.
Result<std::int64_t> stock_value_at(Inventory& inventory, std::int64_t at_ms);

}  // namespace rs::inventory
