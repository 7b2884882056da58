// SyncEngine: HTTP status handling of the sync API and the glue between client and store.
#include "station/sync/sync_engine.h"

#include <Poco/URI.h>
#include <fmt/format.h>

#include <future>
#include <unordered_set>

#include "common/store/transaction.h"
#include "station/orders/policy_store.h"
#include "station/sync/photo_upload.h"
#include "station/sync/sync_state.h"
#include "station/sync/sync_wire.h"

namespace rs::station {

Result<std::vector<TopUp>> SyncEngine::top_up_waybills() {
    auto policy = policy_in_force(m_store);
    if (!policy) return std::unexpected(policy.error());
    return station::top_up_waybills(m_store, m_client,
                                    *policy ? (*policy)->shipping : ShippingTerms{});
}

Error SyncEngine::refused(const char* what, const HttpReply& reply) {
    std::string said = describe_error_reply(reply.status, reply.body);
    if (reply.status == 401 || reply.status == 403)
        return Error{ErrorCode::Invalid,
                     fmt::format("the platform refused this station's {} ({}): check [platform] "
                                 "token and [station] id",
                                 what, said),
                     "sync"};
    if (reply.status == 429)
        return Error{ErrorCode::Busy,
                     fmt::format("the platform asks to slow down ({}){}", said,
                                 reply.retry_after ? fmt::format(": retry after {} s",
                                                                 reply.retry_after->count() / 1000)
                                                   : ""),
                     "sync"};
    if (reply.status >= 500)
        return Error{ErrorCode::Io, fmt::format("the platform failed on {} ({})", what, said),
                     "sync"};
    return Error{ErrorCode::Protocol, fmt::format("the platform refused the {} ({})", what, said),
                 "sync"};
}

Result<PullTally> SyncEngine::pull() {
    auto cursor = stored_cursor(m_store);
    if (!cursor) return std::unexpected(cursor.error());
    PullTally total;
    std::unordered_set<std::string> cursors_seen{*cursor};
    for (int pages = 0;; ++pages) {
        if (pages == k_pages_per_pull) {
            total.more_pages = true;
            break;
        }
        if (m_client.stop_requested())
            return fail(ErrorCode::Timeout, "the pull was cut short: the sync is stopping", "sync");
        std::string path = fmt::format("/v1/rmas?limit={}", m_config.page_size);
        if (!cursor->empty()) {
            std::string encoded;
            Poco::URI::encode(*cursor, "&=+#?/", encoded);
            path += "&cursor=" + encoded;
        }
        auto reply = m_client.get(path);
        if (!reply) return std::unexpected(reply.error());
        m_retry_after = reply->retry_after;
        if (reply->status != 200) return std::unexpected(refused("RMA request", *reply));
        auto page = decode_rma_page(reply->body);
        if (!page) return std::unexpected(page.error());
        if (page->has_more && page->rmas.empty())
            return fail(ErrorCode::Protocol,
                        "the platform said more RMAs follow but sent none (the pull would never "
                        "end)",
                        "sync");
        if (page->has_more && !cursors_seen.insert(page->next_cursor).second)
            return fail(ErrorCode::Protocol,
                        fmt::format("the platform said more RMAs follow but sent a cursor it had "
                                    "already sent ({}): the pull would never end",
                                    page->next_cursor.substr(0, 80)),
                        "sync");
        auto applied = apply_rma_page(m_store, *page);
        if (!applied) return std::unexpected(applied.error());
        total += *applied;
        *cursor = page->next_cursor;
        if (!page->has_more) break;
    }
    for (auto [key, value] : {std::pair{sync_state::k_pull_summary, total.summary()},
                              std::pair{sync_state::k_failures, std::string("0")}})
        if (auto noted = sync_state::set(m_store.db(), key, value, m_store.now_ms()); !noted)
            return std::unexpected(noted.error());
    return total;
}

Result<std::vector<EventOutcome>> SyncEngine::exchange(const Batch& batch) {
    if (!m_config.photos_dir.empty())
        if (auto uploaded = upload_event_photos(m_client, m_config.photos_dir, *batch); !uploaded)
            return std::unexpected(uploaded.error());
    auto reply = m_client.post_json("/v1/events", encode_batch(m_config.station_id, *batch));
    if (!reply) return std::unexpected(reply.error());
    m_retry_after = reply->retry_after;
    if (reply->status == 413 && m_batch_limit > 1) {
        // Smaller batches from now on; the events themselves are fine.
        m_batch_limit = std::max(1, static_cast<int>(batch->size()) / 2);
        return fail(ErrorCode::Busy,
                    fmt::format("the platform found a batch of {} events too large; sending {} "
                                "at a time",
                                batch->size(), m_batch_limit.load()),
                    "sync");
    }
    if (reply->status != 200) return std::unexpected(refused("batch of events", *reply));
    auto outcomes = decode_results(reply->body, *batch);
    if (!outcomes) {
        Error error = outcomes.error();
        error.message += "; nothing was taken from the outbox, the batch will be sent again";
        return std::unexpected(error);
    }
    return outcomes;
}

PushRun SyncEngine::push() {
    PushRun run;
    auto send = [this](Batch batch) {
        return std::async(std::launch::async, [this, batch] { return exchange(batch); });
    };
    auto first = sendable_events(m_store, m_batch_limit);
    if (!first) {
        run.error = first.error();
        return run;
    }
    Batch rows = std::make_shared<const std::vector<OutboxRow>>(std::move(*first));
    if (rows->empty()) return run;
    auto in_flight = send(rows);
    for (;;) {
        // Read ahead while the platform works on `rows`.
        auto ahead = sendable_events(m_store, m_batch_limit, rows->back().seq);
        auto outcomes = in_flight.get();
        if (!outcomes) {
            run.error = outcomes.error();
            return run;
        }
        // Orders whose event was rejected or not answered: their later events must not
        // overtake it, so they leave the read-ahead.
        std::unordered_set<std::string> answered;
        std::unordered_set<std::string> stopped;
        for (const auto& outcome : *outcomes) {
            answered.insert(outcome.id);
        }
        for (const auto& row : *rows) {
            if (!answered.contains(row.event_id)) stopped.insert(row.aggregate_id);
        }
        for (const auto& outcome : *outcomes)
            if (outcome.status == EventStatus::Rejected)
                for (const auto& row : *rows)
                    if (row.event_id == outcome.id) stopped.insert(row.aggregate_id);
        auto next = std::make_shared<std::vector<OutboxRow>>();
        if (ahead)
            for (auto& row : *ahead)
                if (!stopped.contains(row.aggregate_id)) next->push_back(std::move(row));
        std::future<Result<std::vector<EventOutcome>>> next_flight;
        bool whole_answer = answered.size() >= rows->size();
        if (ahead && whole_answer && !next->empty()) next_flight = send(next);

        auto recorded = record_outcomes(m_store, *rows, *outcomes);
        if (!recorded) {
            if (next_flight.valid()) next_flight.wait();  // its answer is simply not used
            run.error = recorded.error();
            return run;
        }
        run.tally += *recorded;
        // Only a batch the platform answered for is progress: an empty `results` must not reset
        // the backoff and the give-up clock (it made a run retry 13 times a second for ever).
        if (!outcomes->empty()) ++run.batches;
        if (!ahead || !whole_answer) {
            if (next_flight.valid()) next_flight.wait();
            run.error = !ahead ? ahead.error()
                               : Error{ErrorCode::Protocol,
                                       fmt::format("the platform answered for {} of {} events; "
                                                   "the others will be sent again",
                                                   answered.size(), rows->size()),
                                       "sync"};
            return run;
        }
        if (!next_flight.valid()) {
            // Nothing read ahead survived: look again from the start of the outbox (rejections
            // just recorded now keep held events out of it).
            auto again = sendable_events(m_store, m_batch_limit);
            if (!again) {
                run.error = again.error();
                return run;
            }
            if (again->empty()) return run;
            next = std::make_shared<std::vector<OutboxRow>>(std::move(*again));
            next_flight = send(next);
        }
        rows = next;
        in_flight = std::move(next_flight);
    }
}

Status SyncEngine::record_failure(const Error& error, int failures_in_row,
                                  std::chrono::milliseconds next_try) {
    auto transaction = store::Transaction::begin(m_store.db());
    if (!transaction) return std::unexpected(transaction.error());
    std::int64_t now = m_store.now_ms();
    for (auto [key, value] :
         {std::pair{sync_state::k_error, error.message},
          std::pair{sync_state::k_error_ms, std::to_string(now)},
          std::pair{sync_state::k_failures, std::to_string(failures_in_row)},
          std::pair{sync_state::k_next_attempt_ms, std::to_string(now + next_try.count())}})
        if (auto done = sync_state::set(m_store.db(), key, value, now); !done) return done;
    return transaction->commit();
}

}  // namespace rs::station
