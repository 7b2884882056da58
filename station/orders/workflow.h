// Workflow: moving a repair order through its states, validated, audited and published.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "common/error.h"
#include "station/orders/order_state.h"
#include "station/orders/repair_orders.h"
#include "station/printing/print_queue.h"
#include "station/store/station_store.h"

namespace rs::station {

struct MoveRequest {
    std::string order_number;
    OrderState to = OrderState::Inspected;
    std::string operator_id;
    std::string note;  // why, in the person's words; kept in the audit log
    // Labels the step needs (a return label when shipping...): queued in the same transaction,
    // so the move and its labels are kept or lost together. Their repair order is this one.
    std::vector<NewPrintJob> print_jobs;
    // What the step adds to its event and audit row (a diagnosis' codes, a quote's lines).
    nlohmann::json event_detail = nlohmann::json::object();
    // The station makes the move by itself, as a consequence of `operator_id`'s step (a
    // shortage found while reserving parts): the station's role and rights apply, the audit
    // row and event name the station, and `caused_by` names the person.
    bool by_station = false;
};

// Checks the transition table, the operator's role and the after-sales rules (route_guard.h:
// owner, identity mismatch, route in force), then updates the order, writes the
// audit row and the outbox event in one transaction. A refused move changes nothing and says
// why.
Result<RepairOrder> move_order(StationStore& store, const MoveRequest& request);
// The same inside the caller's open transaction (the sync applies a customer's decision with
// the RMA page that brought it).
Result<RepairOrder> move_order_in_transaction(StationStore& store, const MoveRequest& request);

}  // namespace rs::station
