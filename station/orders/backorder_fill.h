// Receiving stock for the orders that wait for it: a receipt fills the open backorders of its
// part, the repair order with the earliest completion deadline first, each fill becoming a
// reservation of that order; an order whose backorders are all filled moves on from
// awaiting_parts to in_repair, and its owner is told. All in the transaction of the receipt.
//
// The inventory library knows neither orders nor deadlines (it never uses station/): it receives
// and fills one backorder it is told to; this room chooses the order of the fills.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/receiving.h"
#include "station/orders/order_state.h"
#include "station/policy/calendar.h"
#include "station/store/station_store.h"

namespace rs::station {

struct FilledBackorder {
    std::string order_number;
    std::string owner;  // the order's technician, who is told
    std::string sku;
    std::int64_t qty = 0;          // units reserved for the order by this receipt
    std::int64_t still_short = 0;  // units its backorder still waits for
    std::optional<Day> deadline;   // the order's completion deadline, when a policy is in force
    std::optional<OrderState> moved_to;  // in_repair, when this was the order's last shortage
};

struct StockReceipt {
    inventory::Received received;
    std::vector<FilledBackorder> filled;  // in the order they were filled
};

// `station stock receive`: the receipt (inventory::receive) and the fills of its part's open
// backorders, by the person of `request` (a role that handles parts), in one transaction.
Result<StockReceipt> receive_stock(StationStore& store, const inventory::ReceiveRequest& request);

// The fills alone, inside the caller's transaction: the open backorders of `sku` that belong to
// repair orders, earliest completion deadline first (the policy in force: the category's
// complete_working_days after the quote's approval or, without one, the route decision; no
// policy: the backorder's creation time), then the oldest backorder.
Result<std::vector<FilledBackorder>> fill_backorders_in_transaction(StationStore& store,
                                                                    const std::string& sku,
                                                                    const std::string& operator_id);

}  // namespace rs::station
