// PlatformStore: the reference platform's SQLite store of RMAs, received events and photos.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/store/database.h"

namespace rs::platform {

// What the platform answered for one event of a batch.
struct EventResult {
    std::string id;
    std::string status;  // accepted | duplicate | rejected
    std::string code;    // rejection code, empty otherwise
    std::string reason;  // rejection reason, empty otherwise
};

struct RmaPage {
    std::vector<nlohmann::json> rmas;
    std::int64_t next_cursor = 0;
    bool has_more = false;
};

// Waybill numbers issued to a station at its request (`request_id`: asking again with the same
// id gets the same numbers, so an answer lost on the way costs nothing).
struct WaybillIssue {
    std::string batch;  // the request id
    std::string carrier;
    std::vector<std::string> numbers;
    bool repeated = false;  // this request was answered before
};

struct PlatformStats {
    std::int64_t events = 0;      // distinct events held
    std::int64_t deliveries = 0;  // times events were received, duplicates included
    std::int64_t rejections = 0;  // events refused (each refusal counted)
    std::int64_t rmas = 0;
    std::int64_t photos = 0;
};

// Thread-safe: the HTTP server's handler threads share one store (one connection, one lock).
class PlatformStore {
public:
    static Result<std::unique_ptr<PlatformStore>> open(
        const std::string& path, const Clock& clock = SystemClock::instance());

    // An RMA as the platform's after-sales service holds it (the import format of
    // examples/demo-rmas.json). Adding or changing one moves it past every station's cursor.
    // With `keep_existing`, RMAs already held are left as they are (seeding a running platform).
    Status upsert_rmas(const std::vector<nlohmann::json>& rmas, bool keep_existing = false);
    Status cancel_rma(const std::string& id);
    // The customer's answer to the quote a station sent: "approved" or "declined".
    Status decide_quote(const std::string& id, const std::string& decision);

    // The customer's satisfaction rating (1..5, an optional comment) of a closed RMA: one
    // whose status is closed or whose repair order a station reported closed. Served with the
    // RMA as satisfaction: {rating, comment, rated_ms}; rating again replaces it.
    Status rate_rma(const std::string& id, std::int64_t rating, const std::string& comment);

    // RMAs changed after `cursor` (0: from the start), oldest change first.
    Result<RmaPage> rmas_since(std::int64_t cursor, int limit);

    // Applies a batch in order, in one transaction: duplicates are counted, not stored twice;
    // once an event of a repair order is rejected, its later events in the batch are too.
    Result<std::vector<EventResult>> record_events(const std::string& station_id,
                                                   const nlohmann::json& events);

    // Stores a photo under its SHA-256 (hex); true when it was new.
    Result<bool> put_photo(const std::string& sha256, std::string_view bytes,
                           const std::string& content_type, const std::string& station_id);

    // Issues `count` numbers of `carrier` to `station_id`, never one twice.
    Result<WaybillIssue> issue_waybills(const std::string& station_id, const std::string& carrier,
                                        int count, const std::string& request_id);

    Result<PlatformStats> stats();
    // Events held, oldest first; for one RMA when `rma_id` is not empty.
    Result<std::vector<nlohmann::json>> events(const std::string& rma_id, int limit);
    // How many times each event was received (event id -> deliveries), for tests and checks.
    Result<std::vector<std::pair<std::string, std::int64_t>>> deliveries();

private:
    PlatformStore(store::Database database, const Clock& clock)
        : m_database(std::move(database)), m_clock(clock) {}
    Result<std::int64_t> next_change();
    // One UPDATE of an RMA that moves it past every cursor: `sql` takes ?1 = the new change
    // sequence, ?2 = now, then `bind` adds its own values; no row changed is `none`.
    template <class Bind>
    Status change_rma(const std::string& sql, Bind&& bind, Error none);
    Result<EventResult> record_one(const std::string& station_id, const nlohmann::json& event,
                                   std::vector<std::string>& rejected_aggregates);
    Status record_refund(const std::string& station_id, const std::string& event_id,
                         const std::string& rma_id, const nlohmann::json& payload);
    Status log_rejection(const std::string& station_id, const nlohmann::json& event,
                         const EventResult& result);

    std::mutex m_mutex;
    store::Database m_database;
    const Clock& m_clock;
};

}  // namespace rs::platform
