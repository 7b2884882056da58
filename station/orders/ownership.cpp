// Handovers and identity clearances: the few changes to an order that are not state moves.
#include "station/orders/ownership.h"

#include <fmt/format.h>

#include "common/store/transaction.h"
#include "station/people/operators.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

Result<RepairOrder> open_order(StationStore& store, const std::string& number) {
    auto order = require_order(store, number, "ownership");
    if (!order) return std::unexpected(order.error());
    if (is_final(order->state))
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: the case is closed", number, name_of(order->state)),
                    "ownership");
    return *order;
}

Status need_reason(const std::string& reason, const char* what) {
    if (!reason.empty()) return {};
    return fail(ErrorCode::Invalid,
                fmt::format("{} needs a reason (--reason), kept in the audit log", what),
                "ownership");
}

Status record(StationStore& store, const RepairOrder& order, const std::string& operator_id,
              const char* action, const char* event, nlohmann::json detail) {
    Journal journal(store.db(), store.clock(), store.ids());
    if (auto audited = journal.audit(
            AuditEntry{operator_id, order.id, action, std::nullopt, std::nullopt, detail});
        !audited)
        return audited;
    nlohmann::json payload = {
        {"repair_order", order.number}, {"rma_id", order.rma_id}, {"operator", operator_id}};
    payload.update(detail);
    auto published = journal.publish(OutboxEvent{event, order.id, payload});
    if (!published) return std::unexpected(published.error());
    return {};
}

}  // namespace

Result<RepairOrder> hand_over(StationStore& store, const std::string& order_number,
                              const std::string& to_operator, const std::string& operator_id,
                              const std::string& reason) {
    auto person = require_operator(store, operator_id, k_people_roles, "ownership");
    if (!person) return std::unexpected(person.error());
    auto receiver = require_operator(store, to_operator, k_people_roles, "ownership");
    if (!receiver) return std::unexpected(receiver.error());
    if (auto given = need_reason(reason, "a handover"); !given)
        return std::unexpected(given.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = open_order(store, order_number);
    if (!order) return order;
    if (person->role != Role::Supervisor && person->id != order->owner_id)
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: rule O1 (the owner keeps the case): owned by {}; only the "
                                "owner or a supervisor hands it over",
                                order->number, order->owner_id),
                    "ownership");
    if (receiver->id == order->owner_id)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} already owns {}", receiver->id, order->number), "ownership");
    std::int64_t now = store.now_ms();
    auto update = store.db().cached(
        "UPDATE repair_orders SET owner_id = ?1, owner_since_ms = ?2, updated_ms = ?2 "
        "WHERE id = ?3");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(receiver->id, now, order->id);
    if (auto done = (*update)->run(); !done) return std::unexpected(done.error());
    if (auto kept = record(
            store, *order, person->id, "ownership.handover", "repair_order.handed_over",
            {{"from_owner", order->owner_id}, {"to_owner", receiver->id}, {"reason", reason}});
        !kept)
        return std::unexpected(kept.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    order->owner_id = receiver->id;
    order->owner_since_ms = now;
    order->updated_ms = now;
    return order;
}

Result<RepairOrder> clear_identity_flag(StationStore& store, const std::string& order_number,
                                        const std::string& operator_id, const std::string& reason) {
    constexpr Role k_supervisor[] = {Role::Supervisor};
    auto person = require_operator(store, operator_id, k_supervisor, "ownership");
    if (!person) return std::unexpected(person.error());
    if (auto given = need_reason(reason, "clearing an identity mismatch"); !given)
        return std::unexpected(given.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = open_order(store, order_number);
    if (!order) return order;
    if (!order->identity_mismatch_open())
        return fail(ErrorCode::Conflict,
                    fmt::format("{} has no open identity mismatch (identity {}{})", order->number,
                                name_of(order->identity_status),
                                order->identity_cleared_by.empty()
                                    ? ""
                                    : ", cleared by " + order->identity_cleared_by),
                    "ownership");
    auto update = store.db().cached(
        "UPDATE repair_orders SET identity_cleared_by = ?1, identity_cleared_reason = ?2, "
        "updated_ms = ?3 WHERE id = ?4");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(person->id, reason, store.now_ms(), order->id);
    if (auto done = (*update)->run(); !done) return std::unexpected(done.error());
    if (auto kept =
            record(store, *order, person->id, "identity.cleared", "repair_order.identity.cleared",
                   {{"device_identity", order->device_identity}, {"reason", reason}});
        !kept)
        return std::unexpected(kept.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    order->identity_cleared_by = person->id;
    order->identity_cleared_reason = reason;
    return order;
}

}  // namespace rs::station
