// SyncStatus: the queries behind `station sync status`.
#include "station/sync/sync_status.h"

#include <algorithm>

#include "station/orders/policy_store.h"
#include "station/sync/outbox.h"
#include "station/sync/sync_state.h"

namespace rs::station {

std::int64_t SyncStatus::state_int(const std::string& key) const {
    auto found = state.find(key);
    if (found == state.end()) return 0;
    try {
        return std::stoll(found->second);
    } catch (const std::exception&) {
        return 0;
    }
}

std::string SyncStatus::state_text(const std::string& key) const {
    auto found = state.find(key);
    return found == state.end() ? "" : found->second;
}

namespace {

// The pool of each carrier held, and of each the policy ships with even before its first number.
Status read_waybill_levels(StationStore& store, SyncStatus& status) {
    auto levels = waybill_levels(store);
    if (!levels) return std::unexpected(levels.error());
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    ShippingTerms terms = *policy ? (*policy)->shipping : ShippingTerms{};
    status.waybill_low = terms.pool_low;
    for (const auto& carrier : terms.carriers())
        if (std::none_of(levels->begin(), levels->end(),
                         [&](const WaybillLevel& level) { return level.carrier == carrier; }))
            levels->push_back({carrier, 0, 0});
    status.waybills = std::move(*levels);
    return {};
}

}  // namespace

Result<SyncStatus> read_sync_status(StationStore& store) {
    SyncStatus status;
    auto counts = store.db().prepare(
        "SELECT (SELECT count(*) FROM outbox), (SELECT min(time_ms) FROM outbox o WHERE NOT "
        "EXISTS (SELECT 1 FROM sync_rejections r WHERE r.aggregate_id = o.aggregate_id AND "
        "r.seq <= o.seq)), "
        "(SELECT count(*) FROM outbox o WHERE EXISTS (SELECT 1 FROM sync_rejections r "
        " WHERE r.aggregate_id = o.aggregate_id AND r.seq <= o.seq)), "
        "(SELECT count(*) FROM sync_rejections)");
    if (!counts) return std::unexpected(counts.error());
    if (auto row = counts->step(); !row) return std::unexpected(row.error());
    store::RowReader(*counts).read(status.pending, status.oldest_pending_ms, status.held,
                                   status.rejected_total);

    auto rejected = store.db().prepare(
        "SELECT r.event_id, o.type, o.payload, r.code, r.reason, r.rejected_ms "
        "FROM sync_rejections r JOIN outbox o ON o.event_id = r.event_id ORDER BY r.seq LIMIT 20");
    if (!rejected) return std::unexpected(rejected.error());
    auto read = rejected->each_row([&](store::RowReader row) {
        RejectionRow rejection;
        std::string payload;
        row.read(rejection.event_id, rejection.type, payload, rejection.code, rejection.reason,
                 rejection.rejected_ms);
        rejection.order_number = order_number_of(payload);
        status.rejected.push_back(std::move(rejection));
    });
    if (!read) return std::unexpected(read.error());

    auto flags = store.db().prepare(
        "SELECT o.number, f.kind, f.detail, f.raised_ms FROM repair_order_flags f "
        "JOIN repair_orders o ON o.id = f.repair_order_id ORDER BY f.raised_ms, o.number");
    if (!flags) return std::unexpected(flags.error());
    read = flags->each_row([&](store::RowReader row) {
        FlagRow flag;
        row.read(flag.order_number, flag.kind, flag.detail, flag.raised_ms);
        status.flags.push_back(std::move(flag));
    });
    if (!read) return std::unexpected(read.error());

    auto refused = store.db().prepare(
        "SELECT rma_id, number, reason, seen_ms FROM sync_refused_rmas ORDER BY seen_ms");
    if (!refused) return std::unexpected(refused.error());
    read = refused->each_row([&](store::RowReader row) {
        RefusedRmaRow refusal;
        row.read(refusal.rma_id, refusal.number, refusal.reason, refusal.seen_ms);
        status.refused_rmas.push_back(std::move(refusal));
    });
    if (!read) return std::unexpected(read.error());

    auto state = sync_state::all(store.db());
    if (!state) return std::unexpected(state.error());
    status.state = std::move(*state);
    if (auto waybills = read_waybill_levels(store, status); !waybills)
        return std::unexpected(waybills.error());
    return status;
}

}  // namespace rs::station
