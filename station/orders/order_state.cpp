// The repair order state machine as one table: which moves exist and who may make them.
#include "station/orders/order_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace rs::station {
namespace {

using S = OrderState;
using R = Role;

// The flow of shared/DESIGN.md. A supervisor may make every move a technician or warehouse
// person may (they stand in), and alone decides to scrap. "System" is the platform sync:
// customer decisions and cancellations arrive through it; the station itself moves an order to
// awaiting_parts when reserving its parts finds a shortage (station/orders/order_parts.h), and
// back to in_repair when receiving stock fills the last of its backorders.
const std::vector<Transition>& table() {
    static const std::vector<Transition> k_table{
        {S::Received, S::Inspected, {R::Technician, R::Supervisor}, "repair_order.inspected"},
        {S::Inspected, S::Diagnosed, {R::Technician, R::Supervisor}, "repair_order.diagnosed"},
        // Out of warranty (or damage voids it): the customer must approve a quote.
        {S::Diagnosed, S::AwaitingApproval, {R::Technician, R::Supervisor}, "repair_order.quoted"},
        // In warranty: straight on to parts or repair.
        {S::Diagnosed,
         S::AwaitingParts,
         {R::Technician, R::Supervisor, R::System},
         "repair_order.awaiting_parts"},
        {S::Diagnosed, S::InRepair, {R::Technician, R::Supervisor}, "repair_order.repair_started"},
        // No fault found, or a return: goes back as it came.
        {S::Diagnosed,
         S::ReadyToShip,
         {R::Technician, R::Supervisor},
         "repair_order.ready_to_ship"},
        {S::AwaitingApproval,
         S::Approved,
         {R::System, R::Supervisor},
         "repair_order.quote_approved"},
        {S::AwaitingApproval,
         S::Declined,
         {R::System, R::Supervisor},
         "repair_order.quote_declined"},
        {S::Approved,
         S::AwaitingParts,
         {R::Technician, R::Supervisor, R::System},
         "repair_order.awaiting_parts"},
        {S::Approved, S::InRepair, {R::Technician, R::Supervisor}, "repair_order.repair_started"},
        {S::Declined,
         S::ReturnedUnrepaired,
         {R::Warehouse, R::Supervisor},
         "repair_order.returned_unrepaired"},
        // Unrepaired, it still goes back to its customer, with a label like any other parcel.
        {S::ReturnedUnrepaired,
         S::ReadyToShip,
         {R::Warehouse, R::Technician, R::Supervisor},
         "repair_order.ready_to_ship"},
        // The station moves it itself when a receipt fills its last backorder
        // (station/orders/backorder_fill.h).
        {S::AwaitingParts,
         S::InRepair,
         {R::Technician, R::PartsManager, R::Supervisor, R::System},
         "repair_order.repair_started"},
        {S::InRepair,
         S::AwaitingParts,
         {R::Technician, R::Supervisor, R::System},
         "repair_order.awaiting_parts"},
        {S::InRepair, S::Qa, {R::Technician, R::Supervisor}, "repair_order.repaired"},
        {S::Qa, S::ReadyToShip, {R::Technician, R::Supervisor}, "repair_order.qa_passed"},
        {S::Qa, S::InRepair, {R::Technician, R::Supervisor}, "repair_order.qa_failed"},
        {S::ReadyToShip, S::Shipped, {R::Warehouse, R::Supervisor}, "repair_order.shipped"},
        {S::Shipped, S::Closed, {R::Warehouse, R::Supervisor, R::System}, "repair_order.closed"},
        // The routes of returns and exchanges (route_guard.cpp decides which applies).
        {S::Diagnosed,
         S::Restocked,
         {R::Technician, R::Warehouse, R::Supervisor},
         "repair_order.restocked"},
        {S::Restocked, S::Closed, {R::Warehouse, R::Supervisor, R::System}, "repair_order.closed"},
        {S::Diagnosed, S::Exchanged, {R::Technician, R::Supervisor}, "repair_order.exchanged"},
        {S::Exchanged,
         S::ReadyToShip,
         {R::Warehouse, R::Technician, R::Supervisor},
         "repair_order.replacement_packed"},
        // A quote that expired unanswered (route_guard.cpp checks it did).
        {S::AwaitingApproval,
         S::ReturnedUnrepaired,
         {R::Technician, R::Warehouse, R::Supervisor, R::System},
         "repair_order.quote_expired"},
        // Cancelled on the platform before the repair was done.
        {S::Received, S::Cancelled, {R::System, R::Supervisor}, "repair_order.cancelled"},
        {S::Inspected, S::Cancelled, {R::System, R::Supervisor}, "repair_order.cancelled"},
        {S::Diagnosed, S::Cancelled, {R::System, R::Supervisor}, "repair_order.cancelled"},
        {S::AwaitingApproval, S::Cancelled, {R::System, R::Supervisor}, "repair_order.cancelled"},
        {S::AwaitingParts, S::Cancelled, {R::System, R::Supervisor}, "repair_order.cancelled"},
        // Beyond economic repair: a supervisor's decision only.
        {S::Diagnosed, S::Scrapped, {R::Supervisor}, "repair_order.scrapped"},
        {S::InRepair, S::Scrapped, {R::Supervisor}, "repair_order.scrapped"},
        {S::Declined, S::Scrapped, {R::Supervisor}, "repair_order.scrapped"},
    };
    return k_table;
}

std::string join_roles(const std::vector<Role>& roles) {
    std::string text;
    for (Role role : roles) {
        if (!text.empty()) text += ", ";
        text += name_of(role);
    }
    return text;
}

}  // namespace

bool is_final(OrderState state) {
    return std::none_of(table().begin(), table().end(),
                        [state](const Transition& t) { return t.from == state; });
}

std::span<const Transition> transition_table() {
    return table();
}

Result<const Transition*> check_transition(OrderState from, OrderState to, Role role) {
    const Transition* found = nullptr;
    std::string possible;
    for (const auto& transition : table()) {
        if (transition.from != from) continue;
        if (transition.to == to) found = &transition;
        if (!possible.empty()) possible += ", ";
        possible += name_of(transition.to);
    }
    if (!found) {
        if (possible.empty())
            return fail(ErrorCode::Conflict,
                        fmt::format("a repair order in {} is finished: it cannot move to {}",
                                    name_of(from), name_of(to)),
                        "workflow");
        return fail(
            ErrorCode::Conflict,
            fmt::format("a repair order in {} cannot move to {}; from {} it can move to: {}",
                        name_of(from), name_of(to), name_of(from), possible),
            "workflow");
    }
    if (std::find(found->roles.begin(), found->roles.end(), role) == found->roles.end())
        return fail(
            ErrorCode::Conflict,
            fmt::format("a {} may not move a repair order from {} to {}; who may: {}",
                        name_of(role), name_of(from), name_of(to), join_roles(found->roles)),
            "workflow");
    return found;
}

}  // namespace rs::station
