// The parts of a repair order: reserved, picked, used or put back for that order, and no other.
//
// The inventory library keeps the ledger and knows an order only by its number; this room ties
// each reservation and backorder to its repair order by a foreign key (repair_order_parts,
// repair_order_backorders), checks that the part fits the device, and writes an audit row and an
// outbox event with every step, all in one transaction with the stock change.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "inventory/reservations.h"
#include "inventory/supplier_returns.h"
#include "station/orders/repair_orders.h"
#include "station/store/station_store.h"

namespace rs::station {

struct PartsRequest {
    std::string order_number;
    std::string sku;
    std::int64_t qty = 1;
    std::string serial;  // a specific scanned unit; empty: the oldest lot first
    std::string operator_id;
};

struct OrderReservation {
    inventory::ReserveResult stock;
    // Set when a shortage moved the order to awaiting_parts by itself.
    std::optional<OrderState> moved_to;
    bool substitute = false;  // not the original part: the customer consented on the quote
};

// Reserves parts for an order that is being diagnosed, quoted or repaired. Refuses a part whose
// catalog entry lists the models it fits when the order's device is not one of them, and a
// substitute part (its quote line says so, or the catalog lists it as replacing a part that fits
// the device) unless the customer accepted the order's quote with that substitute line and
// consented to substitutes (quotes.h: accept_quote). The reservation records original or
// substitute. What is short becomes a backorder, and an order that could start its repair waits
// in awaiting_parts.
Result<OrderReservation> reserve_order_parts(StationStore& store, const PartsRequest& request);

// Picks one reserved part of the order: the bin scanned, then the part's label.
Result<inventory::ReservationLine> pick_order_part(StationStore& store,
                                                   const std::string& order_number,
                                                   const std::string& bin_code,
                                                   const std::string& part_scan,
                                                   const std::string& operator_id);

// The repair used every part picked for the order (only while it is in repair).
Result<std::int64_t> consume_order_parts(StationStore& store, const std::string& order_number,
                                         const std::string& operator_id);

// Puts the order's parts back (reserved ones freed, picked ones to their bin) and cancels its
// backorders, by hand: the technician will not use them after all.
Result<std::int64_t> release_order_parts(StationStore& store, const std::string& order_number,
                                         const std::string& operator_id);

// A part the order consumed goes back to its supplier in the open batch `request.batch`: the
// defective part taken out of the device (core_return) or the new part found dead when fitted
// (doa). Checked against what the order used; an audit row on the order records it.
Result<inventory::ReturnLine> return_order_part(StationStore& store,
                                                const inventory::ReturnLineRequest& request);

// From diagnosis until the repair is done: before, nobody knows what the device needs; after,
// QA checks a finished repair.
bool takes_parts(OrderState state);
// The audit row and the outbox event `repair_order.<action>` of a parts step, in the caller's
// transaction; the order's state does not change.
Status journal_parts_step(StationStore& store, const RepairOrder& order,
                          const std::string& operator_id, const char* action,
                          nlohmann::json detail);

// Workflow's side, inside its transaction.
// The order will not be repaired (declined, cancelled, scrapped, returned unrepaired ...):
// true for the states whose move frees the order's parts.
bool move_releases_parts(OrderState to);
Result<std::int64_t> release_parts_in_transaction(StationStore& store, const RepairOrder& order,
                                                  const std::string& operator_id);
// QA may start only when nothing picked, reserved or backordered for the order is left over:
// Conflict naming each part and what to do with it.
Status check_parts_settled(StationStore& store, const RepairOrder& order);
// What the repair used, from the ledger: [{sku, lot, serial, qty, unit_cost}], and their total.
Result<nlohmann::json> parts_used(StationStore& store, const RepairOrder& order);

}  // namespace rs::station
