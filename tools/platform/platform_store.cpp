// PlatformStore: schema, RMA changes with a change sequence (the stations' cursor), events.
#include "tools/platform/platform_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/store/migrations.h"
#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "tools/platform/event_schema.h"
#include "tools/platform/waybill_numbers.h"

namespace rs::platform {
namespace {

using json = nlohmann::json;

std::vector<store::Migration> platform_migrations() {
    return {{"platform", 1, "RMAs with change sequence, events, rejections, photos", R"sql(
-- RMAs of this repair center. change_seq orders every change: a station's cursor is the last
-- change_seq it has seen.
CREATE TABLE rmas (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    body             TEXT NOT NULL,         -- JSON, the import format
    quote_status     TEXT CHECK (quote_status IN ('pending', 'approved', 'declined')),
    quote_event_id   TEXT,                  -- the repair_order.quoted event it answers
    quote_decided_ms INTEGER,
    change_seq       INTEGER NOT NULL UNIQUE,
    updated_ms       INTEGER NOT NULL
) STRICT;

-- Every event once; deliveries counts how often stations sent it.
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY,
    event_id     TEXT NOT NULL UNIQUE,
    station_id   TEXT NOT NULL,
    type         TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    rma_id       TEXT NOT NULL,
    station_seq  INTEGER NOT NULL,
    time_ms      INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    received_ms  INTEGER NOT NULL,
    deliveries   INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The order check: the last sequence of a repair order from its station, by index alone.
CREATE INDEX events_by_aggregate ON events (station_id, aggregate_id, station_seq);
CREATE INDEX events_by_rma ON events (rma_id);

CREATE TABLE rejections (
    id          INTEGER PRIMARY KEY,
    event_id    TEXT NOT NULL,
    station_id  TEXT NOT NULL,
    type        TEXT NOT NULL,
    code        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE photos (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    station_id   TEXT NOT NULL,
    received_ms  INTEGER NOT NULL
) STRICT;
)sql"},
            {"platform", 2, "waybill numbers issued to stations", R"sql(
-- Every number issued, once; serial is its place in the carrier's range.
CREATE TABLE waybills (
    number      TEXT PRIMARY KEY,
    carrier     TEXT NOT NULL,
    serial      INTEGER NOT NULL,
    station_id  TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    issued_ms   INTEGER NOT NULL,
    UNIQUE (carrier, serial)
) STRICT;
CREATE INDEX waybills_by_request ON waybills (station_id, request_id);
)sql"},
            {"platform", 3, "refunds of no-reason returns", R"sql(
-- One refund per RMA, recorded when a station reports the return restocked (or returned to the
-- vendor). amount_minor comes from the RMA's order (the price paid); NULL when the RMA holds none
-- and a person must set it.
CREATE TABLE refunds (
    rma_id       TEXT PRIMARY KEY REFERENCES rmas (id),
    event_id     TEXT NOT NULL,
    station_id   TEXT NOT NULL,
    amount_minor INTEGER,
    currency     TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    grade        TEXT NOT NULL,
    refunded_ms  INTEGER NOT NULL
) STRICT;
)sql"},
            {"platform", 4, "the customer's satisfaction rating of a closed RMA", R"sql(
-- Given by the customer once the case is closed (admin: POST /admin/v1/rmas/{id}/rating) and
-- served with the RMA as satisfaction: {rating, comment, rated_ms}.
ALTER TABLE rmas ADD COLUMN satisfaction_rating INTEGER
    CHECK (satisfaction_rating IS NULL OR satisfaction_rating BETWEEN 1 AND 5);
ALTER TABLE rmas ADD COLUMN satisfaction_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE rmas ADD COLUMN satisfaction_rated_ms INTEGER;
)sql"}};
}

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "platform"};
}

std::string text_member(const json& object, const char* name) {
    auto found = object.find(name);
    if (found == object.end() || !found->is_string()) return {};
    return found->get<std::string>();
}

EventResult rejected(std::string id, std::string code, std::string reason) {
    return EventResult{std::move(id), "rejected", std::move(code), std::move(reason)};
}

}  // namespace

Result<std::unique_ptr<PlatformStore>> PlatformStore::open(const std::string& path,
                                                           const Clock& clock) {
    auto database = store::Database::open(path);
    if (!database) return std::unexpected(database.error());
    if (auto applied = store::apply_migrations(*database, platform_migrations()); !applied)
        return std::unexpected(applied.error());
    return std::unique_ptr<PlatformStore>(new PlatformStore(std::move(*database), clock));
}

Result<std::int64_t> PlatformStore::next_change() {
    auto next =
        m_database.query_one<std::int64_t>("SELECT coalesce(max(change_seq), 0) + 1 FROM rmas");
    if (!next) return std::unexpected(next.error());
    return **next;
}

Status PlatformStore::upsert_rmas(const std::vector<json>& rmas, bool keep_existing) {
    std::lock_guard lock(m_mutex);
    auto transaction = store::Transaction::begin(m_database);
    if (!transaction) return std::unexpected(transaction.error());
    for (std::size_t i = 0; i < rmas.size(); ++i) {
        const json& rma = rmas[i];
        std::string id = rma.is_object() ? text_member(rma, "id") : "";
        std::string number = rma.is_object() ? text_member(rma, "number") : "";
        std::string status = rma.is_object() ? text_member(rma, "status") : "";
        if (id.empty() || number.empty() || status.empty())
            return std::unexpected(invalid(fmt::format(
                "RMA #{}: an RMA needs string fields \"id\", \"number\" and \"status\"", i + 1)));
        if (keep_existing) {
            auto known = m_database.cached("SELECT 1 FROM rmas WHERE id = ?1");
            if (!known) return std::unexpected(known.error());
            (*known)->bind(1, id);
            auto row = (*known)->step();
            if (!row) return std::unexpected(row.error());
            if (*row) continue;
        }
        auto change = next_change();
        if (!change) return std::unexpected(change.error());
        auto upsert = m_database.cached(
            "INSERT INTO rmas (id, number, status, body, change_seq, updated_ms) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
            "number = excluded.number, status = excluded.status, body = excluded.body, "
            "change_seq = excluded.change_seq, updated_ms = excluded.updated_ms");
        if (!upsert) return std::unexpected(upsert.error());
        (*upsert)->bind_all(id, number, status, rma.dump(), *change, m_clock.now_ms());
        if (auto done = (*upsert)->run(); !done) return done;
    }
    return transaction->commit();
}

template <class Bind>
Status PlatformStore::change_rma(const std::string& sql, Bind&& bind, Error none) {
    std::lock_guard lock(m_mutex);
    auto transaction = store::Transaction::begin(m_database);
    if (!transaction) return std::unexpected(transaction.error());
    auto change = next_change();
    if (!change) return std::unexpected(change.error());
    auto update = m_database.cached(sql);
    if (!update) return std::unexpected(update.error());
    (*update)->bind(1, *change).bind(2, m_clock.now_ms());
    bind(**update);
    auto changed = (*update)->run_and_count();
    if (!changed) return std::unexpected(changed.error());
    if (*changed == 0) return std::unexpected(none);
    return transaction->commit();
}

Status PlatformStore::cancel_rma(const std::string& id) {
    return change_rma(
        "UPDATE rmas SET status = 'cancelled', change_seq = ?1, updated_ms = ?2 WHERE id = ?3",
        [&](store::Statement& update) { update.bind(3, id); },
        Error{ErrorCode::NotFound, fmt::format("no RMA {} on this platform", id), "platform"});
}

Status PlatformStore::decide_quote(const std::string& id, const std::string& decision) {
    if (decision != "approved" && decision != "declined")
        return std::unexpected(invalid("decision must be \"approved\" or \"declined\""));
    return change_rma(
        "UPDATE rmas SET quote_status = ?3, quote_decided_ms = ?2, change_seq = ?1, "
        "updated_ms = ?2 WHERE id = ?4 AND quote_status = 'pending'",
        [&](store::Statement& update) { update.bind(3, decision).bind(4, id); },
        Error{ErrorCode::Conflict,
              fmt::format("RMA {} has no quote waiting for the customer's decision (the station "
                          "sends repair_order.quoted first)",
                          id),
              "platform"});
}

Status PlatformStore::rate_rma(const std::string& id, std::int64_t rating,
                               const std::string& comment) {
    if (rating < 1 || rating > 5)
        return std::unexpected(
            invalid(fmt::format("rating {} is not a whole number 1..5", rating)));
    // Closed: the platform says so, or a station reported the repair order closed.
    return change_rma(
        "UPDATE rmas SET satisfaction_rating = ?3, satisfaction_comment = ?4, "
        "satisfaction_rated_ms = ?2, change_seq = ?1, updated_ms = ?2 WHERE id = ?5 AND "
        "(status = 'closed' OR EXISTS (SELECT 1 FROM events e WHERE e.rma_id = rmas.id AND "
        "e.type = 'repair_order.closed'))",
        [&](store::Statement& update) { update.bind(3, rating).bind(4, comment).bind(5, id); },
        Error{ErrorCode::Conflict,
              fmt::format(
                  "RMA {} is not here or not closed (neither on the platform nor by a station's "
                  "repair_order.closed event): the customer rates a closed case",
                  id),
              "platform"});
}

Result<RmaPage> PlatformStore::rmas_since(std::int64_t cursor, int limit) {
    std::lock_guard lock(m_mutex);
    auto query = m_database.cached(
        "SELECT r.body, r.status, r.updated_ms, r.quote_status, r.quote_event_id, "
        "r.quote_decided_ms, f.rma_id, f.amount_minor, f.currency, f.outcome, f.grade, "
        "f.event_id, f.refunded_ms, r.change_seq, r.satisfaction_rating, r.satisfaction_comment, "
        "r.satisfaction_rated_ms FROM rmas r LEFT JOIN refunds f ON "
        "f.rma_id = r.id WHERE r.change_seq > ?1 ORDER BY r.change_seq LIMIT ?2");
    if (!query) return std::unexpected(query.error());
    // One more than asked tells whether another page follows.
    (*query)->bind_all(cursor, limit + 1);
    RmaPage page;
    page.next_cursor = cursor;
    auto read = (*query)->each_row([&](store::RowReader row) {
        if (static_cast<int>(page.rmas.size()) == limit) {
            page.has_more = true;
            return;
        }
        json rma = json::parse(row.text(), nullptr, false);
        if (!rma.is_object()) rma = json::object();
        rma["status"] = row.text();
        rma["updated_at"] = format_utc_ms(row.int64());
        auto quote = row.optional_text();
        std::string quote_event = row.text();
        auto decided = row.optional_int64();
        if (quote) {
            json answer = {{"status", *quote}, {"event_id", quote_event}};
            if (decided) answer["decided_at"] = format_utc_ms(*decided);
            rma["quote"] = answer;
        }
        if (auto refunded = row.optional_text()) {
            auto amount = row.optional_int64();
            json refund = {{"status", amount ? "refunded" : "amount_unknown"},
                           {"amount_minor", amount ? json(*amount) : json(nullptr)}};
            refund["currency"] = row.text();
            refund["outcome"] = row.text();
            refund["grade"] = row.text();
            refund["event_id"] = row.text();
            refund["refunded_at"] = format_utc_ms(row.int64());
            rma["refund"] = std::move(refund);
        } else {
            for (int i = 0; i < 6; ++i)
                row.skip();
        }
        page.next_cursor = row.int64();
        if (auto rating = row.optional_int64()) {
            std::string comment = row.text();
            rma["satisfaction"] = {
                {"rating", *rating}, {"comment", comment}, {"rated_ms", row.int64()}};
        }
        page.rmas.push_back(std::move(rma));
    });
    if (!read) return std::unexpected(read.error());
    return page;
}

Status PlatformStore::log_rejection(const std::string& station_id, const json& event,
                                    const EventResult& result) {
    auto insert = m_database.cached(
        "INSERT INTO rejections (event_id, station_id, type, code, reason, received_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    std::string type = event.is_object() ? text_member(event, "type") : "";
    (*insert)->bind_all(result.id, station_id, type, result.code, result.reason, m_clock.now_ms());
    return (*insert)->run();
}

Result<EventResult> PlatformStore::record_one(const std::string& station_id, const json& event,
                                              std::vector<std::string>& rejected_aggregates) {
    std::string id = event.is_object() ? text_member(event, "id") : "";
    std::string aggregate = event.is_object() ? text_member(event, "aggregate_id") : "";
    if (!aggregate.empty() && std::find(rejected_aggregates.begin(), rejected_aggregates.end(),
                                        aggregate) != rejected_aggregates.end())
        return rejected(id, "earlier_event_rejected",
                        "an earlier event of this repair order in the batch was rejected; the "
                        "platform keeps each order's events in sequence");
    if (is_canonical_uuid(id)) {
        // A known id is a duplicate whatever else it says: the station is re-sending.
        auto again =
            m_database.cached("UPDATE events SET deliveries = deliveries + 1 WHERE event_id = ?1");
        if (!again) return std::unexpected(again.error());
        (*again)->bind(1, id);
        auto known = (*again)->run_and_count();
        if (!known) return std::unexpected(known.error());
        if (*known > 0) return EventResult{id, "duplicate", "", ""};
    }
    if (auto bad = check_event(event)) return rejected(id, bad->code, bad->reason);

    const json& payload = event["payload"];
    std::string rma_id = payload["rma_id"].get<std::string>();
    auto known = m_database.cached("SELECT 1 FROM rmas WHERE id = ?1");
    if (!known) return std::unexpected(known.error());
    (*known)->bind(1, rma_id);
    auto row = (*known)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return rejected(id, "unknown_rma",
                        fmt::format("RMA {} is not an RMA of this repair center", rma_id));

    std::int64_t sequence = event["sequence"].get<std::int64_t>();
    auto last = m_database.query_one<std::optional<std::int64_t>>(
        "SELECT max(station_seq) FROM events WHERE station_id = ?2 AND aggregate_id = ?1",
        aggregate, station_id);
    if (!last) return std::unexpected(last.error());
    if (auto previous = **last; previous && *previous >= sequence)
        return rejected(id, "out_of_order",
                        fmt::format("sequence {} comes after {} already received for this repair "
                                    "order: events must arrive in order",
                                    sequence, *previous));

    auto insert = m_database.cached(
        "INSERT INTO events (event_id, station_id, type, aggregate_id, rma_id, station_seq, "
        "time_ms, payload, received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return std::unexpected(insert.error());
    std::string type = event["type"].get<std::string>();
    (*insert)->bind_all(id, station_id, type, aggregate, rma_id, sequence,
                        parse_utc(event["time"].get<std::string>()), payload.dump(),
                        m_clock.now_ms());
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());

    if (type == "repair_order.quoted") {
        // The customer now sees the quote; their decision comes back through GET /v1/rmas.
        auto change = next_change();
        if (!change) return std::unexpected(change.error());
        auto quote = m_database.cached(
            "UPDATE rmas SET quote_status = 'pending', quote_event_id = ?1, "
            "quote_decided_ms = NULL, change_seq = ?2, updated_ms = ?3 WHERE id = ?4");
        if (!quote) return std::unexpected(quote.error());
        (*quote)->bind_all(id, *change, m_clock.now_ms(), rma_id);
        if (auto done = (*quote)->run(); !done) return std::unexpected(done.error());
    }
    if (type == "repair_order.restocked")
        if (auto refunded = record_refund(station_id, id, rma_id, payload); !refunded)
            return std::unexpected(refunded.error());
    return EventResult{id, "accepted", "", ""};
}

// The platform refunds the customer of a no-reason return once the station inspected it: the
// price paid on the RMA's order, whatever the grade or outcome (the station reports those; the
// platform's terms decide no deduction here). Once per RMA; the RMA moves past every cursor so
// its station sees the refund on its next pull.
Status PlatformStore::record_refund(const std::string& station_id, const std::string& event_id,
                                    const std::string& rma_id, const json& payload) {
    auto body = m_database.query_one<std::string>("SELECT body FROM rmas WHERE id = ?1", rma_id);
    if (!body) return std::unexpected(body.error());
    json rma = json::parse(body->value_or("{}"), nullptr, false);
    std::optional<std::int64_t> amount;
    std::string currency = "CNY";
    if (rma.is_object() && rma.contains("order") && rma["order"].is_object()) {
        const json& order = rma["order"];
        if (order.contains("paid_minor") && order["paid_minor"].is_number_integer() &&
            order["paid_minor"].get<std::int64_t>() >= 0)
            amount = order["paid_minor"].get<std::int64_t>();
        if (order.contains("currency") && order["currency"].is_string())
            currency = order["currency"].get<std::string>();
    }
    auto insert = m_database.cached(
        "INSERT INTO refunds (rma_id, event_id, station_id, amount_minor, currency, outcome, "
        "grade, refunded_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
        "ON CONFLICT (rma_id) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(rma_id, event_id, station_id, amount, currency,
                        payload["outcome"].get<std::string>(), payload["grade"].get<std::string>(),
                        m_clock.now_ms());
    auto added = (*insert)->run_and_count();
    if (!added) return std::unexpected(added.error());
    if (*added == 0) return {};
    auto change = next_change();
    if (!change) return std::unexpected(change.error());
    auto moved =
        m_database.cached("UPDATE rmas SET change_seq = ?1, updated_ms = ?2 WHERE id = ?3");
    if (!moved) return std::unexpected(moved.error());
    (*moved)->bind_all(*change, m_clock.now_ms(), rma_id);
    return (*moved)->run();
}

Result<std::vector<EventResult>> PlatformStore::record_events(const std::string& station_id,
                                                              const json& events) {
    std::lock_guard lock(m_mutex);
    auto transaction = store::Transaction::begin(m_database);
    if (!transaction) return std::unexpected(transaction.error());
    std::vector<EventResult> results;
    results.reserve(events.size());
    std::vector<std::string> rejected_aggregates;
    for (const auto& event : events) {
        auto result = record_one(station_id, event, rejected_aggregates);
        if (!result) return std::unexpected(result.error());
        if (result->status == "rejected") {
            if (auto logged = log_rejection(station_id, event, *result); !logged)
                return std::unexpected(logged.error());
            std::string aggregate = event.is_object() ? text_member(event, "aggregate_id") : "";
            if (!aggregate.empty()) rejected_aggregates.push_back(aggregate);
        }
        results.push_back(std::move(*result));
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return results;
}

Result<bool> PlatformStore::put_photo(const std::string& sha256, std::string_view bytes,
                                      const std::string& content_type,
                                      const std::string& station_id) {
    std::lock_guard lock(m_mutex);
    auto insert = m_database.cached(
        "INSERT INTO photos (sha256, content_type, bytes, station_id, received_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind(1, sha256).bind(2, content_type).bind_blob(3, bytes);
    (*insert)->bind(4, station_id).bind(5, m_clock.now_ms());
    auto added = (*insert)->run_and_count();
    if (!added) return std::unexpected(added.error());
    return *added > 0;
}

Result<WaybillIssue> PlatformStore::issue_waybills(const std::string& station_id,
                                                   const std::string& carrier, int count,
                                                   const std::string& request_id) {
    std::lock_guard lock(m_mutex);
    auto transaction = store::Transaction::begin(m_database);
    if (!transaction) return std::unexpected(transaction.error());
    WaybillIssue issue{request_id, carrier, {}, false};
    auto earlier = m_database.cached(
        "SELECT number, carrier FROM waybills WHERE station_id = ?1 AND request_id = ?2 "
        "ORDER BY serial");
    if (!earlier) return std::unexpected(earlier.error());
    (*earlier)->bind_all(station_id, request_id);
    std::string earlier_carrier;
    auto read = (*earlier)->each_row([&](store::RowReader row) {
        issue.numbers.push_back(row.text());
        earlier_carrier = row.text();
    });
    if (!read) return std::unexpected(read.error());
    if (!issue.numbers.empty()) {
        if (earlier_carrier != carrier)
            return std::unexpected(
                Error{ErrorCode::Conflict,
                      fmt::format("request {} was already answered with {} numbers", request_id,
                                  earlier_carrier),
                      "platform"});
        issue.repeated = true;
        return issue;
    }
    auto next = m_database.query_one<std::int64_t>(
        "SELECT coalesce(max(serial), -1) + 1 FROM waybills WHERE carrier = ?1", carrier);
    if (!next) return std::unexpected(next.error());
    auto insert = m_database.cached(
        "INSERT INTO waybills (number, carrier, serial, station_id, request_id, issued_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    for (std::int64_t serial = **next; serial < **next + count; ++serial) {
        auto number = waybill_number(carrier, serial);
        if (!number)
            return std::unexpected(Error{
                ErrorCode::Conflict,
                fmt::format("the {} range is used up (serial {})", carrier, serial), "platform"});
        (*insert)->bind_all(*number, carrier, serial, station_id, request_id, m_clock.now_ms());
        if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
        (*insert)->reset();
        issue.numbers.push_back(std::move(*number));
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return issue;
}

Result<PlatformStats> PlatformStore::stats() {
    std::lock_guard lock(m_mutex);
    auto query = m_database.cached(
        "SELECT (SELECT count(*) FROM events), (SELECT coalesce(sum(deliveries), 0) FROM events), "
        "(SELECT count(*) FROM rejections), (SELECT count(*) FROM rmas), "
        "(SELECT count(*) FROM photos)");
    if (!query) return std::unexpected(query.error());
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    PlatformStats stats;
    store::RowReader(**query).read(stats.events, stats.deliveries, stats.rejections, stats.rmas,
                                   stats.photos);
    return stats;
}

Result<std::vector<json>> PlatformStore::events(const std::string& rma_id, int limit) {
    std::lock_guard lock(m_mutex);
    auto query = m_database.cached(
        "SELECT event_id, station_id, type, aggregate_id, rma_id, station_seq, time_ms, payload, "
        "deliveries FROM events WHERE ?1 = '' OR rma_id = ?1 ORDER BY seq LIMIT ?2");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(rma_id, limit);
    std::vector<json> list;
    auto read = (*query)->each_row([&](store::RowReader row) {
        // A braced list is evaluated left to right: each member takes the next column.
        list.push_back({{"id", row.text()},
                        {"station_id", row.text()},
                        {"type", row.text()},
                        {"aggregate_id", row.text()},
                        {"rma_id", row.text()},
                        {"sequence", row.int64()},
                        {"time", format_utc_ms(row.int64())},
                        {"payload", json::parse(row.text(), nullptr, false)},
                        {"deliveries", row.int64()}});
    });
    if (!read) return std::unexpected(read.error());
    return list;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> PlatformStore::deliveries() {
    std::lock_guard lock(m_mutex);
    auto query = m_database.prepare("SELECT event_id, deliveries FROM events ORDER BY seq");
    if (!query) return std::unexpected(query.error());
    std::vector<std::pair<std::string, std::int64_t>> list;
    auto read = query->each_row([&](store::RowReader row) {
        std::string id = row.text();  // read first: function arguments have no order
        list.emplace_back(id, row.int64());
    });
    if (!read) return std::unexpected(read.error());
    return list;
}

}  // namespace rs::platform
