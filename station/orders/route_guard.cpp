// The rules a move must pass once the transition table allows it; each refusal names its rule.
#include "station/orders/route_guard.h"

#include <fmt/format.h>

#include <algorithm>

namespace rs::station {
namespace {

Error refused(const RepairOrder& order, std::string message) {
    return Error{ErrorCode::Conflict, order.number + ": " + std::move(message), "workflow"};
}

bool leaves_diagnosis(OrderState to) {
    using enum OrderState;
    return to == AwaitingApproval || to == AwaitingParts || to == InRepair || to == ReadyToShip ||
           to == Restocked || to == Exchanged;
}

}  // namespace

std::vector<OrderState> route_targets(Route route) {
    using enum OrderState;
    switch (route) {
        case Route::WarrantyRepair:
            return {AwaitingParts, InRepair};
        case Route::Quote:
            return {AwaitingApproval};
        case Route::Exchange:
            return {Exchanged};
        case Route::ReturnAccepted:
            return {Restocked};
        case Route::ReturnRefused:
        case Route::NoFaultFound:
            return {ReadyToShip};
    }
    return {};
}

std::optional<Error> check_route_rules(OrderState to, const GuardFacts& facts) {
    const RepairOrder& order = facts.order;
    const Operator& person = facts.person;
    bool supervisor = person.role == Role::Supervisor;

    // O1: first-contact responsibility. The platform (system) answers for the customer.
    if (!supervisor && person.role != Role::System && person.id != order.owner_id)
        return refused(order,
                       fmt::format("rule O1 (the owner keeps the case): {} is owned by {}; only "
                                   "the owner or a supervisor moves it. Who may override: a "
                                   "supervisor, or the owner hands it over (station orders "
                                   "handover {} --to {} --reason ...)",
                                   order.number, order.owner_id, order.number, person.id));

    // I1: the device that came is not the one the RMA names: held after inspection.
    if (order.identity_mismatch_open() && order.state != OrderState::Received &&
        to != OrderState::Cancelled)
        return refused(
            order, fmt::format("rule I1 (identity mismatch open): the device ({}) is not the "
                               "one its RMA names; no move past inspection. Who may override: "
                               "a supervisor, with a reason (station orders clear-flag {} "
                               "--reason ...)",
                               order.device_identity.empty() ? "unknown" : order.device_identity,
                               order.number));

    // AwaitingApproval -> ReturnedUnrepaired is the expired quote's way out only.
    if (order.state == OrderState::AwaitingApproval && to == OrderState::ReturnedUnrepaired &&
        !facts.quote_expired)
        return refused(order,
                       "rule Q3 (quote validity): the quote is still valid; it returns unrepaired "
                       "only once it expired unanswered. Who may override: the customer declines "
                       "it, or a supervisor cancels the order");

    if (order.state != OrderState::Diagnosed || !leaves_diagnosis(to)) return std::nullopt;
    if (!facts.route)
        return refused(order, fmt::format("rule P1 (route first): no route is decided yet; run "
                                          "station orders decide {}. Who may override: a "
                                          "supervisor (station orders override {} --route ... "
                                          "--reason ...)",
                                          order.number, order.number));
    Route route = *facts.route;
    auto targets = route_targets(route);
    if (std::find(targets.begin(), targets.end(), to) == targets.end()) {
        std::string rule;
        if (route == Route::Quote &&
            (to == OrderState::InRepair || to == OrderState::AwaitingParts))
            rule = "rule Q1 (no repair out of warranty without an approved quote)";
        else if (route == Route::ReturnAccepted || route == Route::ReturnRefused)
            rule = "rule R0 (a return goes to its return disposition, never to repair)";
        else
            rule = "rule P2 (the route decides the way)";
        std::string ways;
        for (OrderState target : targets)
            ways += std::string(ways.empty() ? "" : " or ") + name_of(target);
        return refused(order, fmt::format("{}: the route is {}, which goes to {}, not {}. Who may "
                                          "override: a supervisor, with a reason (station orders "
                                          "override {} --route ... --reason ...)",
                                          rule, name_of(route), ways, name_of(to), order.number));
    }
    if (to == OrderState::AwaitingApproval && !facts.quote_open)
        return refused(order, fmt::format("rule Q2 (a quote has lines and a total): make the "
                                          "quote with station orders quote {} --part ... "
                                          "--labour ...; it moves the order itself",
                                          order.number));
    return std::nullopt;
}

}  // namespace rs::station
