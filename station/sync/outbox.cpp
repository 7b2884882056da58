// Outbox (sync side): the held-back query, deletion of delivered events, rejections.
#include "station/sync/outbox.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unordered_map>

#include "common/store/transaction.h"
#include "station/sync/sync_state.h"

namespace rs::station {
namespace {

constexpr const char* k_sendable =
    "SELECT o.seq, o.event_id, o.type, o.aggregate_id, o.time_ms, o.payload FROM outbox o "
    "WHERE o.seq > ?1 AND NOT EXISTS (SELECT 1 FROM sync_rejections r "
    "WHERE r.aggregate_id = o.aggregate_id AND r.seq <= o.seq) ORDER BY o.seq LIMIT ?2";

}  // namespace

std::string order_number_of(const std::string& payload) {
    return json_text(nlohmann::json::parse(payload, nullptr, false), "repair_order");
}

PushTally& PushTally::operator+=(const PushTally& other) {
    sent += other.sent;
    accepted += other.accepted;
    duplicate += other.duplicate;
    unanswered += other.unanswered;
    rejected.insert(rejected.end(), other.rejected.begin(), other.rejected.end());
    return *this;
}

std::string PushTally::summary() const {
    return fmt::format("{} sent: {} accepted, {} duplicate, {} rejected, {} unanswered", sent,
                       accepted, duplicate, rejected.size(), unanswered);
}

Result<std::vector<OutboxRow>> sendable_events(StationStore& store, int limit,
                                               std::int64_t after_seq) {
    auto query = store.db().cached(k_sendable);
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(after_seq, limit);
    std::vector<OutboxRow> rows;
    rows.reserve(static_cast<std::size_t>(limit));
    auto read = (*query)->each_row([&](store::RowReader row) {
        OutboxRow event;
        row.read(event.seq, event.event_id, event.type, event.aggregate_id, event.time_ms,
                 event.payload);
        rows.push_back(std::move(event));
    });
    if (!read) return std::unexpected(read.error());
    return rows;
}

Result<OutboxPeek> peek_sendable(StationStore& store, int limit) {
    auto query = store.db().cached(std::string("SELECT count(*), min(time_ms) FROM (") +
                                   k_sendable + ") AS sendable");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(std::int64_t{0}, limit);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    OutboxPeek peek;
    store::RowReader(**query).read(peek.sendable, peek.oldest_ms);
    return peek;
}

Result<PushTally> record_outcomes(StationStore& store, std::span<const OutboxRow> sent,
                                  const std::vector<EventOutcome>& outcomes) {
    std::unordered_map<std::string, const OutboxRow*> by_id;
    for (const auto& row : sent)
        by_id.emplace(row.event_id, &row);
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    std::int64_t now = store.now_ms();
    PushTally tally;
    tally.sent = static_cast<int>(sent.size());
    for (const auto& outcome : outcomes) {
        const OutboxRow& row = *by_id.at(outcome.id);
        if (outcome.status == EventStatus::Rejected) {
            auto insert = store.db().cached(
                "INSERT INTO sync_rejections (event_id, seq, aggregate_id, code, reason, "
                "rejected_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO UPDATE "
                "SET seq = excluded.seq, aggregate_id = excluded.aggregate_id, code = "
                "excluded.code, reason = excluded.reason, rejected_ms = excluded.rejected_ms");
            if (!insert) return std::unexpected(insert.error());
            (*insert)->bind_all(row.event_id, row.seq, row.aggregate_id, outcome.code,
                                outcome.reason, now);
            if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
            tally.rejected.push_back(RejectedEvent{row.event_id, row.type,
                                                   order_number_of(row.payload), outcome.code,
                                                   outcome.reason});
            continue;
        }
        auto remove = store.db().cached("DELETE FROM outbox WHERE seq = ?1");
        if (!remove) return std::unexpected(remove.error());
        (*remove)->bind(1, row.seq);
        if (auto done = (*remove)->run(); !done) return std::unexpected(done.error());
        ++(outcome.status == EventStatus::Accepted ? tally.accepted : tally.duplicate);
    }
    tally.unanswered = tally.sent - static_cast<int>(outcomes.size());

    auto total = sync_state::get(store.db(), sync_state::k_pushed_total);
    if (!total) return std::unexpected(total.error());
    std::int64_t delivered = (*total ? std::stoll(**total) : 0) + tally.accepted + tally.duplicate;
    for (auto [key, value] : {std::pair{sync_state::k_push_ok_ms, std::to_string(now)},
                              std::pair{sync_state::k_push_summary, tally.summary()},
                              std::pair{sync_state::k_pushed_total, std::to_string(delivered)},
                              std::pair{sync_state::k_failures, std::string("0")}})
        if (auto done = sync_state::set(store.db(), key, value, now); !done)
            return std::unexpected(done.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return tally;
}

Result<int> release_rejections(StationStore& store, const std::string& which) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto remove = store.db().prepare(
        "DELETE FROM sync_rejections WHERE ?1 = '' OR event_id = ?1 OR aggregate_id IN "
        "(SELECT id FROM repair_orders WHERE number = ?1)");
    if (!remove) return std::unexpected(remove.error());
    remove->bind(1, which);
    auto released = remove->run_and_count();
    if (!released) return std::unexpected(released.error());
    // A running worker sees the nudge and tries at once instead of waiting out its backoff.
    auto nudge = sync_state::set(store.db(), sync_state::k_nudge, std::to_string(store.now_ms()),
                                 store.now_ms());
    if (!nudge) return std::unexpected(nudge.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return static_cast<int>(*released);
}

}  // namespace rs::station
