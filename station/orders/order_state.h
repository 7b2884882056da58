// The states of a repair order and the table of transitions between them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "station/people/roles.h"

namespace rs::station {

enum class OrderState {
    Received,
    Inspected,
    Diagnosed,
    AwaitingApproval,
    Approved,
    Declined,
    AwaitingParts,
    InRepair,
    Qa,
    ReadyToShip,
    Shipped,
    Closed,
    Cancelled,
    ReturnedUnrepaired,
    Scrapped,
};

const char* state_name(OrderState state);
std::optional<OrderState> parse_state(std::string_view name);
std::span<const OrderState> all_states();
bool is_final(OrderState state);

// One allowed move: which roles may make it, and what it means (shown to people and sent to
// the platform as the event type).
struct Transition {
    OrderState from;
    OrderState to;
    std::vector<Role> roles;
    const char* event;  // outbox event type, e.g. "repair_order.inspected"
};

std::span<const Transition> transition_table();

// The rule that allows `role` to move an order from `from` to `to`, or an error saying why
// not (no such transition: which ones exist from here; wrong role: who may).
Result<const Transition*> check_transition(OrderState from, OrderState to, Role role);

}  // namespace rs::station
