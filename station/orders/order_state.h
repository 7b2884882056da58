// The states of a repair order and the table of transitions between them.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
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
    Restocked,  // a no-reason return accepted: back into stock
    Exchanged,  // a replacement unit goes to the customer instead
};

constexpr auto enum_names(OrderState) {
    using enum OrderState;
    return std::to_array<EnumName<OrderState>>({
        {Received, "received"},
        {Inspected, "inspected"},
        {Diagnosed, "diagnosed"},
        {AwaitingApproval, "awaiting_approval"},
        {Approved, "approved"},
        {Declined, "declined"},
        {AwaitingParts, "awaiting_parts"},
        {InRepair, "in_repair"},
        {Qa, "qa"},
        {ReadyToShip, "ready_to_ship"},
        {Shipped, "shipped"},
        {Closed, "closed"},
        {Cancelled, "cancelled"},
        {ReturnedUnrepaired, "returned_unrepaired"},
        {Scrapped, "scrapped"},
        {Restocked, "restocked"},
        {Exchanged, "exchanged"},
    });
}

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
