// Reservations for repair orders: reserve (FIFO or a serial), pick, consume, release.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct ReserveRequest {
    std::string order_ref;  // the repair order
    std::string sku;
    std::int64_t qty = 1;
    std::string serial;  // a specific scanned serial; empty: FIFO by lot receipt date
    std::string person;
};

struct ReservationLine {
    std::int64_t id = 0;
    std::string location;  // where it is now
    std::string lot;
    std::string serial;
    std::int64_t qty = 0;
    std::string sku;
};

struct SubstituteOffer {
    std::string sku;
    std::int64_t available = 0;
};

struct ReserveResult {
    std::vector<ReservationLine> lines;
    std::int64_t reserved = 0;
    std::int64_t backordered = 0;              // the shortage, recorded as a backorder
    std::int64_t backorder_id = 0;             // its row, 0 when nothing was short
    std::vector<SubstituteOffer> substitutes;  // when short: allowed parts with stock
};

// Reserves what is available (available = on-hand - reserved) oldest lot first; the rest
// becomes a backorder that parts managers see. One write transaction, so two benches never
// get the same unit.
Result<ReserveResult> reserve(Inventory& inventory, const ReserveRequest& request);

// Pick by scanning the bin, then the part (GS1 label, GTIN or SKU): moves the order's
// reservation there to the workbench. NotFound when the order has nothing reserved there.
Result<ReservationLine> pick(Inventory& inventory, const std::string& order_ref,
                             const std::string& bin_code, const std::string& part_scan,
                             const std::string& person);

// Consumes every picked part of the order (workbench -> consumption). Conflict when some
// reserved parts are not picked yet, naming them.
Result<std::int64_t> consume(Inventory& inventory, const std::string& order_ref,
                             const std::string& person);

// Releases the order's reservations (picked parts go back to their bin) and cancels its
// backorders: the customer declined or the order was cancelled. Returns units released.
Result<std::int64_t> release(Inventory& inventory, const std::string& order_ref,
                             const std::string& person);

// A part a repair used, as the ledger booked it into CONSUMPTION under the order's reference.
struct UsedPart {
    std::string sku, lot, serial;
    std::int64_t qty = 0;
    std::int64_t unit_cost = 0;  // minor units, the value the move carried
};

Result<std::vector<UsedPart>> parts_consumed(Inventory& inventory, const std::string& order_ref);

struct Backorder {
    std::int64_t id = 0;
    std::string order_ref;
    std::string sku;
    std::int64_t qty = 0;
    std::int64_t created_ms = 0;
};

Result<std::vector<Backorder>> open_backorders(Inventory& inventory);

// What filling one backorder from stock reserved for its order.
struct BackorderFill {
    std::int64_t backorder_id = 0;
    std::string order_ref;
    std::string sku;
    std::vector<ReservationLine> lines;  // the reservations made for the order
    std::int64_t filled = 0;             // units reserved now
    std::int64_t still_short = 0;        // units the backorder still waits for (0: filled)
};

// Reserves what is free of an open backorder's part for its order, oldest lot first: the
// backorder is 'filled' once all of it is reserved, else it keeps waiting for the rest. Which
// backorder comes first is the caller's business (the station orders them by the repair
// orders' deadlines). Joins the caller's transaction (receiving: the receipt and its fills are
// kept together); NotFound when the backorder is not open.
Result<BackorderFill> fill_backorder(Inventory& inventory, std::int64_t backorder_id,
                                     const std::string& person);

Result<std::vector<ReservationLine>> open_reservations(Inventory& inventory,
                                                       const std::string& order_ref);

}  // namespace rs::inventory
