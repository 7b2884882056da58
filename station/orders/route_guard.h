// The after-sales rules the state machine enforces on each move, beyond the transition table:
// ownership, an open identity mismatch, and the route in force. Pure: the caller reads the facts.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "station/orders/order_state.h"
#include "station/orders/repair_orders.h"
#include "station/people/operators.h"
#include "station/policy/rule_engine.h"

namespace rs::station {

struct GuardFacts {
    const RepairOrder& order;
    const Operator& person;
    std::optional<Route> route;  // the route in force, if decided
    bool quote_open = false;     // an unexpired quote waits to be sent or answered
    bool quote_expired = false;  // the latest quote's validity has passed unanswered
};

// nullopt when the move may go ahead; else an error naming the rule that refuses it and who
// may override (and how).
std::optional<Error> check_route_rules(OrderState to, const GuardFacts& facts);

// The states the route sends a diagnosed order to.
std::vector<OrderState> route_targets(Route route);

}  // namespace rs::station
