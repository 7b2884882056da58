// SyncStatus: the queries behind `station sync status`.
#include "station/sync/sync_status.h"

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
    status.pending = counts->int64(0);
    status.oldest_pending_ms = counts->optional_int64(1);
    status.held = counts->int64(2);
    status.rejected_total = counts->int64(3);

    auto rejected = store.db().prepare(
        "SELECT r.event_id, o.type, o.payload, r.code, r.reason, r.rejected_ms "
        "FROM sync_rejections r JOIN outbox o ON o.event_id = r.event_id ORDER BY r.seq LIMIT 20");
    if (!rejected) return std::unexpected(rejected.error());
    auto read = rejected->each_row([&](const store::Statement& row) {
        status.rejected.push_back(RejectionRow{row.text(0), row.text(1),
                                               order_number_of(row.text(2)), row.text(3),
                                               row.text(4), row.int64(5)});
    });
    if (!read) return std::unexpected(read.error());

    auto flags = store.db().prepare(
        "SELECT o.number, f.kind, f.detail, f.raised_ms FROM repair_order_flags f "
        "JOIN repair_orders o ON o.id = f.repair_order_id ORDER BY f.raised_ms, o.number");
    if (!flags) return std::unexpected(flags.error());
    read = flags->each_row([&](const store::Statement& row) {
        status.flags.push_back(FlagRow{row.text(0), row.text(1), row.text(2), row.int64(3)});
    });
    if (!read) return std::unexpected(read.error());

    auto refused = store.db().prepare(
        "SELECT rma_id, number, reason, seen_ms FROM sync_refused_rmas ORDER BY seen_ms");
    if (!refused) return std::unexpected(refused.error());
    read = refused->each_row([&](const store::Statement& row) {
        status.refused_rmas.push_back(
            RefusedRmaRow{row.text(0), row.text(1), row.text(2), row.int64(3)});
    });
    if (!read) return std::unexpected(read.error());

    auto state = sync_state::all(store.db());
    if (!state) return std::unexpected(state.error());
    status.state = std::move(*state);
    return status;
}

}  // namespace rs::station
