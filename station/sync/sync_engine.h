// SyncEngine: one pull of every new RMA page, one batch of events pushed, failures recorded.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/store/station_store.h"
#include "station/sync/outbox.h"
#include "station/sync/platform_client.h"
#include "station/sync/rma_pull.h"
#include "station/sync/sync_config.h"
#include "station/sync/waybill_refill.h"

namespace rs::station {

// Each step is one try: it either did its work (and stored the result) or returns an Error
// whose message says why, changing nothing. Deciding when to try again is the caller's job
// (SyncWorker). Every failure is worth retrying: rejected events are not failures (they are
// recorded and held), so nothing here is given up on.
struct PushRun {
    PushTally tally;             // delivered and recorded
    int batches = 0;             // batches the platform answered for, at least in part
    std::optional<Error> error;  // why it stopped before the outbox had nothing sendable
};

class SyncEngine {
public:
    SyncEngine(StationStore& store, const SyncConfig& config, PlatformClient& client)
        : m_store(store), m_config(config), m_client(client), m_batch_limit(config.batch_size) {}

    // GET /v1/rmas from the stored cursor until the platform has no more pages, or for at most
    // k_pages_per_pull pages (then `more_pages` is set, so that pushes get their turn); each page
    // is applied (with its cursor) in its own transaction. A cursor that does not move, or comes
    // back, is refused: the pull would never end.
    Result<PullTally> pull();
    static constexpr int k_pages_per_pull = 50;
    // Sends every sendable event, batch after batch (POST /v1/events). The next batch is on the
    // wire while the answer to the previous one is recorded; it never holds an event whose
    // order's earlier event was just rejected or left unanswered. Stops at the first failure:
    // what was delivered before it is recorded, the failed batch stays in the outbox.
    PushRun push();

    // Keeps the waybill pool of every carrier the policy in force ships with above its low mark
    // (station/sync/waybill_refill.h), so the station can ship while the platform is away.
    Result<std::vector<TopUp>> top_up_waybills();

    // The Retry-After of the last failed answer, if it had one.
    std::optional<std::chrono::milliseconds> retry_after() const { return m_retry_after; }
    int batch_limit() const { return m_batch_limit.load(); }

    // Keeps the failure in sync_state for `station sync status`.
    Status record_failure(const Error& error, int failures_in_row,
                          std::chrono::milliseconds next_try);

private:
    Error refused(const char* what, const HttpReply& reply);
    using Batch = std::shared_ptr<const std::vector<OutboxRow>>;
    // One POST of `batch` and its checked answer; runs on a helper thread during push().
    Result<std::vector<EventOutcome>> exchange(const Batch& batch);

    StationStore& m_store;
    const SyncConfig& m_config;
    PlatformClient& m_client;
    std::atomic<int> m_batch_limit;
    std::optional<std::chrono::milliseconds> m_retry_after;
};

}  // namespace rs::station
