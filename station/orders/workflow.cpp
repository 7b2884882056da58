// Workflow: the one place where a repair order changes state.
#include "station/orders/workflow.h"

#include <fmt/format.h>

#include "common/store/transaction.h"
#include "station/orders/order_cost.h"
#include "station/orders/order_parts.h"
#include "station/orders/qa.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"
#include "station/orders/route_guard.h"
#include "station/people/operators.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

// Reads what the after-sales rules look at and asks route_guard whether the move may go ahead.
Status check_rules(StationStore& store, const RepairOrder& order, const Operator& person,
                   OrderState to) {
    auto route = route_in_force(store, order.id);
    if (!route) return std::unexpected(route.error());
    auto quote = latest_quote(store, order.id);
    if (!quote) return std::unexpected(quote.error());
    GuardFacts facts{order, person, std::nullopt};
    if (*route) facts.route = (*route)->route;
    if (*quote) {
        bool valid = (*quote)->valid_until_ms >= store.now_ms();
        // A quote counts for the move to awaiting_approval only if made after the route.
        bool current = !*route || (*quote)->created_ms >= (*route)->decided_ms;
        facts.quote_open = valid && current;
        facts.quote_expired = !valid;
    }
    if (auto refused = check_route_rules(to, facts)) return std::unexpected(*refused);
    return {};
}

// What a move does to the order's parts, for its audit row and event: an order that will not
// be repaired gives its parts back; the repair's end and QA's pass say what it used.
Result<nlohmann::json> settle_parts(StationStore& store, const RepairOrder& order,
                                    const MoveRequest& request) {
    if (move_releases_parts(request.to)) {
        auto released = release_parts_in_transaction(store, order, request.operator_id);
        if (!released) return std::unexpected(released.error());
        if (*released == 0) return nlohmann::json::object();
        return nlohmann::json{{"parts_released", *released}};
    }
    bool repair_done = request.to == OrderState::Qa ||
                       (order.state == OrderState::Qa && request.to == OrderState::ReadyToShip);
    if (repair_done) return parts_used(store, order);
    return nlohmann::json::object();
}

}  // namespace

Result<RepairOrder> move_order(StationStore& store, const MoveRequest& request) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto moved = move_order_in_transaction(store, request);
    if (!moved) return moved;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return moved;
}

Result<RepairOrder> move_order_in_transaction(StationStore& store, const MoveRequest& request) {
    auto person = require_operator(store, request.operator_id, "workflow");
    if (!person) return std::unexpected(person.error());
    if (request.by_station) person = Operator{k_station_operator, "the station", Role::System};
    // Read inside the write transaction: the state we check is the state we change.
    auto found = find_order_by_number(store, request.order_number);
    if (!found) return std::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::NotFound,
                    fmt::format("no repair order {} in this store", request.order_number),
                    "workflow");
    RepairOrder order = **found;
    auto rule = check_transition(order.state, request.to, person->role);
    if (!rule) {
        Error error = rule.error();
        error.message = order.number + ": " + error.message;
        return std::unexpected(error);
    }

    if (auto refused = check_rules(store, order, *person, request.to); !refused)
        return std::unexpected(refused.error());
    // A parcel leaves with a waybill number, its label and its record: station/shipping does
    // all three with this move, so a bare move to shipped (a button, a typed command) is refused.
    if (request.to == OrderState::Shipped && !request.event_detail.contains("tracking_number"))
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: ship it with `station ship {}` (it takes a waybill number, "
                                "prints the return label and records the parcel)",
                                order.number, order.number),
                    "workflow");
    // The same for an exchange (the replacement leaves stock with it) and a restocked return
    // (its resale inspection decides where the unit goes): station/returns makes those moves.
    if (request.to == OrderState::Exchanged && !request.event_detail.contains("replacement_serial"))
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: exchange it with `station exchange {} --serial SN` (it "
                                "takes the replacement unit out of stock)",
                                order.number, order.number),
                    "workflow");
    if (request.to == OrderState::Restocked && !request.event_detail.contains("outcome"))
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: inspect it with `station returns inspect {} --grade ...` (the "
                                "grade decides whether it goes back into stock)",
                                order.number, order.number),
                    "workflow");
    if (request.to == OrderState::Qa)
        if (auto settled = check_parts_settled(store, order); !settled)
            return std::unexpected(settled.error());
    // Entering QA records the checklist in force; leaving it closes the QA attempt (passed only
    // when every step passed, failed with its reason) and qa_passed carries the repair report.
    auto qa = settle_qa_in_transaction(store, order, request);
    if (!qa) return std::unexpected(qa.error());

    std::int64_t now = store.now_ms();
    auto update = store.db().cached(
        "UPDATE repair_orders SET state = ?1, updated_ms = ?2 WHERE id = ?3 AND state = ?4");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(request.to, now, order.id, order.state);
    if (auto updated = (*update)->run(); !updated) return std::unexpected(updated.error());

    nlohmann::json parts = nlohmann::json::object();
    if (auto parts_step = settle_parts(store, order, request); !parts_step)
        return std::unexpected(parts_step.error());
    else
        parts = std::move(*parts_step);

    // What the repair cost the center, on the moves the platform settles with.
    const std::string event_type = (*rule)->event;
    if (event_type == "repair_order.qa_passed" || event_type == "repair_order.shipped") {
        auto cost = order_cost(store, order);
        if (!cost) return std::unexpected(cost.error());
        parts["cost"] = cost_to_json(*cost);
    }

    Journal journal(store.db(), store.clock(), store.ids());
    nlohmann::json detail = {{"note", request.note}};
    if (request.by_station) detail["caused_by"] = request.operator_id;
    detail.update(request.event_detail);
    detail.update(parts);
    detail.update(*qa);
    auto audited = journal.audit(AuditEntry{person->id, order.id, "transition",
                                            name_of(order.state), name_of(request.to), detail});
    if (!audited) return std::unexpected(audited.error());
    nlohmann::json payload = {{"repair_order", order.number}, {"rma_id", order.rma_id},
                              {"from", name_of(order.state)}, {"to", name_of(request.to)},
                              {"operator", person->id},       {"note", request.note}};
    payload.update(request.event_detail);
    payload.update(parts);
    payload.update(*qa);
    if (request.by_station) payload["caused_by"] = request.operator_id;
    auto published = journal.publish(OutboxEvent{event_type, order.id, payload});
    if (!published) return std::unexpected(published.error());
    for (NewPrintJob job : request.print_jobs) {
        job.repair_order_id = order.id;
        if (auto queued = enqueue_print_job(store, job); !queued)
            return std::unexpected(queued.error());
    }

    order.state = request.to;
    order.updated_ms = now;
    return order;
}

}  // namespace rs::station
