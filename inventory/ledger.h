// Stock ledger: every quantity change is one double-entry move, balances updated with it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct MoveRequest {
    std::int64_t part_id = 0;
    std::int64_t from_id = 0;  // location ids
    std::int64_t to_id = 0;
    std::int64_t qty = 0;   // > 0
    std::string lot;        // required for lot-tracked parts
    std::string serial;     // required (and qty 1) for serial-tracked parts
    std::string reference;  // receipt, repair order, count, transfer
    std::string person;
    std::string reason;
    // What the supplier charged per unit (minor units), for stock entering from outside;
    // otherwise the part's moving average cost is used.
    std::optional<std::int64_t> unit_cost;
    // Reserved units at `from` that this move carries away (pick, consume, release of picked
    // parts) and brings to `to` (pick): reservations move with their stock.
    std::int64_t release_reserved = 0;
    std::int64_t carry_reserved = 0;
    // Only supplier returns move stock into or out of QUARANTINE (supplier_returns.h): the
    // batch's lines and the stock there must agree, so any other move there is refused.
    bool set_aside = false;
};

// Posts one move inside the caller's transaction: checks tracking, available quantity and
// serial uniqueness, updates both balances, the part's on-hand and moving average cost.
// Returns the move id. Conflict (with what is there) when the source does not hold enough.
Result<std::int64_t> post_move(Inventory& inventory, const MoveRequest& move);

// The tracking rules post_move applies (a lot, a serial and one unit per serial, or neither),
// checked without moving anything: for a line recorded now and booked later.
Status check_move_tracking(Inventory& inventory, const MoveRequest& move);

// The same in its own write transaction, for transfers between bins ("stock move").
Result<std::int64_t> move_stock(Inventory& inventory, const MoveRequest& move);

struct Balance {
    std::int64_t part_id = 0;
    std::string sku;
    std::string location;  // code
    std::string lot;
    std::string serial;
    std::int64_t qty = 0;
    std::int64_t reserved = 0;
    std::int64_t lot_received_ms = 0;
};

// Physical balances (bins, workbench) of one part, or of every part when part_id is 0, or of
// one location when location_id is not 0.
Result<std::vector<Balance>> physical_balances(Inventory& inventory, std::int64_t part_id,
                                               std::int64_t location_id = 0);

struct PartStock {
    std::int64_t on_hand = 0;
    std::int64_t reserved = 0;
    std::int64_t held = 0;  // on hand in QUARANTINE, waiting to go back to a supplier
    std::int64_t available() const { return on_hand - reserved - held; }
    std::int64_t average_cost = 0;
};

// One row read: the hot lookup a bench does before reserving.
Result<PartStock> part_stock(Inventory& inventory, std::int64_t part_id);

struct MoveRecord {
    std::int64_t id = 0;
    std::string sku, from, to;
    std::int64_t qty = 0;
    std::string lot, serial;
    std::int64_t unit_cost = 0;
    std::string reference, person, reason;
    std::int64_t at_ms = 0;
};

// The latest moves, newest first (of one part when part_id is not 0).
Result<std::vector<MoveRecord>> recent_moves(Inventory& inventory, std::int64_t part_id, int limit);

}  // namespace rs::inventory
