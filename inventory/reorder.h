// Reorder report: parts whose stock position is at or below their reorder point.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct ReorderLine {
    std::string sku;
    std::string description;
    std::int64_t on_hand = 0, incoming = 0, reserved = 0, backordered = 0;
    std::int64_t held = 0;  // on hand but set aside for a supplier return
    std::int64_t reorder_point = 0;
    std::int64_t suggested = 0;
    // on-hand + incoming - reserved - held - open backorders: what the next repair can count on.
    std::int64_t position() const { return on_hand + incoming - reserved - held - backordered; }
};

// Incoming is what sits in IN-TRANSIT. Suggested: whole multiples of the reorder quantity
// (or the exact need when none is set) that lift the position above the reorder point.
Result<std::vector<ReorderLine>> reorder_report(Inventory& inventory);

}  // namespace rs::inventory
