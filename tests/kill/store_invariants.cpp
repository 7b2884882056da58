// check_store: SQLite's checks by the sqlite3 program (on a store file), then each rule as queries
// that return its counter-examples. The queries are SQL both engines run; what they spell
// differently (SQLite's format() and json_extract, `IS NOT` between two values) is done here in
// C++, so a SQLite file and a PostgreSQL database are held to the same rules.
#include "tests/kill/store_invariants.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "common/clock.h"
#include "common/enum_names.h"
#include "common/store/database.h"
#include "inventory/invariants.h"
#include "station/orders/order_state.h"
#include "tests/support/process.h"

namespace rs::test {

namespace {

// Calls `on_row(row)` for each row of `sql`; errors become findings (a check that cannot run has
// not passed).
template <class OnRow>
void each_row_of(store::Database& database, const std::string& sql,
                 std::vector<std::string>& findings, OnRow on_row) {
    auto query = database.prepare(sql);
    if (!query) return findings.push_back("cannot run a check: " + query.error().message);
    auto read = query->each_row(on_row);
    if (!read) findings.push_back("cannot run a check: " + read.error().message);
}

// Each row of `sql` described by `describe(row)`, which returns "" for a row that turns out to be
// no counter-example.
template <class Describe>
std::vector<std::string> described(store::Database& database, const std::string& sql,
                                   std::vector<std::string>& findings, Describe describe) {
    std::vector<std::string> rows;
    each_row_of(database, sql, findings, [&](const store::Statement& row) {
        if (auto text = describe(row); !text.empty()) rows.push_back(std::move(text));
    });
    return rows;
}

// The first column of each row of `sql`.
std::vector<std::string> texts(store::Database& database, const std::string& sql,
                               std::vector<std::string>& findings) {
    return described(database, sql, findings,
                     [](const store::Statement& row) { return row.text(0); });
}

std::optional<std::string> optional_text(const store::Statement& row, int column) {
    return row.is_null(column) ? std::nullopt : std::optional<std::string>(row.text(column));
}

// A state as a finding shows it: quoted, or NULL.
std::string as_state(const std::optional<std::string>& state) {
    return state ? "'" + *state + "'" : "NULL";
}

// A JSON document's member `key` as text (a number in its decimal form), or nullopt when the
// document is not an object or has no such string or number.
std::optional<std::string> json_member(const std::string& document, const std::string& key) {
    auto json = nlohmann::json::parse(document, nullptr, false);
    if (!json.is_object() || !json.contains(key)) return std::nullopt;
    const auto& value = json[key];
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
    return std::nullopt;
}

void add_all(std::vector<std::string>& findings, const std::string& rule,
             const std::vector<std::string>& examples) {
    for (const auto& example : examples)
        findings.push_back(rule + ": " + example);
}

// SQLite's own checks, by a program we did not write (and so no PRAGMA in our code). A
// PostgreSQL database has no file to check: the server keeps its pages and enforces the foreign
// keys on every write itself.
void check_sqlite(const std::string& db, std::vector<std::string>& findings) {
    auto integrity = run_process({SQLITE3_BINARY, db, "PRAGMA integrity_check;"});
    if (integrity.exit_code != 0 || integrity.out != "ok\n")
        findings.push_back("integrity_check: " + integrity.out + integrity.err);
    auto keys = run_process({SQLITE3_BINARY, db, "PRAGMA foreign_key_check;"});
    if (keys.exit_code != 0 || !keys.out.empty())
        findings.push_back("foreign_key_check: " + keys.out + keys.err);
}

// One audited state change of a subject (a repair order, a print job).
struct AuditedChange {
    std::string subject;
    std::int64_t id = 0;  // the audit row's: the order the changes were made in
    std::optional<std::string> from;
    std::optional<std::string> to;
};

// A chain of audited state changes, per subject, ordered by audit id: each starts from nothing,
// each change starts where the one before ended, and the last ends at the subject's state.
// `states` holds each subject's state now.
std::vector<std::string> broken_chains(std::vector<AuditedChange> changes,
                                       const std::map<std::string, std::string>& states) {
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return std::tie(a.subject, a.id) < std::tie(b.subject, b.id);
    });
    std::vector<std::string> broken;
    std::map<std::string, std::optional<std::string>> last;  // subject -> where its chain ends
    for (const auto& change : changes) {
        auto before = last.contains(change.subject) ? last[change.subject] : std::nullopt;
        if (change.from != before)
            broken.push_back(fmt::format("{}: audit {} goes from {} but the state was {}",
                                         change.subject, change.id, as_state(change.from),
                                         as_state(before)));
        last[change.subject] = change.to;
    }
    for (const auto& [subject, state] : states) {
        auto ends = last.contains(subject) ? last[subject] : std::nullopt;
        if (ends != state)
            broken.push_back(fmt::format("{} is {} but its last audited change ends at {}", subject,
                                         as_state(state), as_state(ends)));
    }
    return broken;
}

using Change = std::tuple<std::string, std::string, std::string>;  // order id, from, to

// A repair order's state-change event: the order's creation, or a workflow transition (whose
// payload names both states of the order).
std::optional<Change> state_change(const std::string& aggregate, const std::string& type,
                                   const std::string& payload_text) {
    if (type == "repair_order.received") return Change{aggregate, "", "received"};
    auto payload = nlohmann::json::parse(payload_text, nullptr, false);
    if (!payload.is_object() || !payload.contains("rma_id") || !payload.contains("from") ||
        !payload.contains("to") || !payload["from"].is_string() || !payload["to"].is_string())
        return std::nullopt;
    if (!parse_enum<station::OrderState>(payload["to"].get<std::string>())) return std::nullopt;
    return Change{aggregate, payload["from"].get<std::string>(), payload["to"].get<std::string>()};
}

// Reads (event id, aggregate, type, payload) rows of `sql` into `events` by event id, so an
// event both in the outbox and on the platform (sent, not yet acknowledged) counts once.
void read_events(store::Database& database, const std::string& sql,
                 std::map<std::string, Change>& events, std::vector<std::string>& findings) {
    auto query = database.prepare(sql);
    if (!query) {
        findings.push_back("cannot read events: " + query.error().message);
        return;
    }
    auto read = query->each_row([&](const store::Statement& row) {
        if (auto change = state_change(row.text(1), row.text(2), row.text(3)))
            events.emplace(row.text(0), *change);
    });
    if (!read) findings.push_back("cannot read events: " + read.error().message);
}

// Each audited state change has exactly one event, wherever it is now.
void check_events(store::Database& database, const std::string& platform_db,
                  std::vector<std::string>& findings) {
    std::map<std::string, Change> events;
    read_events(database, "SELECT event_id, aggregate_id, type, payload FROM outbox", events,
                findings);
    if (!platform_db.empty()) {
        auto platform = store::Database::open(platform_db, {.create = false});
        if (!platform) {
            findings.push_back("cannot open the platform's store: " + platform.error().message);
            return;
        }
        read_events(*platform, "SELECT event_id, aggregate_id, type, payload FROM events", events,
                    findings);
    }
    std::map<Change, int> published;
    for (const auto& [id, change] : events)
        ++published[change];
    std::map<Change, int> audited;
    auto query = database.prepare(
        "SELECT repair_order_id, COALESCE(from_state, ''), to_state FROM audit_log "
        "WHERE action IN ('intake.received', 'transition')");
    if (!query) return findings.push_back("cannot read the audit: " + query.error().message);
    auto read = query->each_row([&](const store::Statement& row) {
        ++audited[Change{row.text(0), row.text(1), row.text(2)}];
    });
    if (!read) return findings.push_back("cannot read the audit: " + read.error().message);
    std::set<Change> all;
    for (const auto& [change, n] : audited)
        all.insert(change);
    for (const auto& [change, n] : published)
        all.insert(change);
    for (const auto& change : all) {
        int audits = audited.contains(change) ? audited[change] : 0;
        int sent = published.contains(change) ? published[change] : 0;
        if (audits != sent)
            findings.push_back(fmt::format(
                "order {} {} -> {}: {} audit rows but {} events (outbox and platform)",
                std::get<0>(change), std::get<1>(change), std::get<2>(change), audits, sent));
    }
}

void check_ledger(store::Database& database, std::vector<std::string>& findings) {
    inventory::Inventory inventory(database, SystemClock::instance());
    if (auto checked = inventory::check_invariants(inventory); !checked)
        findings.push_back("ledger: " + checked.error().message);
    std::string finals;
    for (const auto& [state, name] : enum_names(station::OrderState{}))
        if (station::is_final(state))
            finals += fmt::format("{}'{}'", finals.empty() ? "" : ", ", name);
    add_all(findings, "reservation for a closed order",
            described(database,
                      fmt::format("SELECT r.number, r.state, v.id, v.state FROM inv_reservations "
                                  "v JOIN repair_order_parts l ON l.reservation_id = v.id JOIN "
                                  "repair_orders r ON r.id = l.repair_order_id WHERE v.state IN "
                                  "('reserved', 'picked') AND r.state IN ({})",
                                  finals),
                      findings, [](const store::Statement& row) {
                          return fmt::format("{} is {} but reservation {} is {}", row.text(0),
                                             row.text(1), row.text(2), row.text(3));
                      }));
    add_all(findings, "reservation of no repair order",
            described(database,
                      "SELECT v.id, v.order_ref FROM inv_reservations v LEFT JOIN "
                      "repair_order_parts l ON l.reservation_id = v.id WHERE l.repair_order_id "
                      "IS NULL",
                      findings, [](const store::Statement& row) {
                          return fmt::format("reservation {} ({}) is tied to no repair order",
                                             row.text(0), row.text(1));
                      }));
}

// Shipping (station/shipping): a parcel's number, labels, record and move are one.
void check_shipping(store::Database& database, std::vector<std::string>& findings) {
    add_all(findings, "shipped without a shipment",
            texts(database,
                  "SELECT r.number FROM repair_orders r LEFT JOIN shipments s ON "
                  "s.repair_order_id = r.id WHERE r.state = 'shipped' AND s.repair_order_id IS "
                  "NULL",
                  findings));
    add_all(findings, "shipment of an order not shipped",
            described(database,
                      "SELECT r.number, r.state FROM shipments s JOIN repair_orders r ON r.id = "
                      "s.repair_order_id WHERE r.state NOT IN ('shipped', 'closed')",
                      findings, [](const store::Statement& row) {
                          return fmt::format("{} is {}", row.text(0), row.text(1));
                      }));
    // A number leaves the pool only with the shipment that used it: none gone without a record.
    add_all(findings, "waybill number used without a shipment",
            texts(database,
                  "SELECT p.number FROM waybill_pool p LEFT JOIN shipments s ON "
                  "s.tracking_number = p.number WHERE p.used_ms IS NOT NULL AND "
                  "s.tracking_number IS NULL",
                  findings));
    add_all(findings, "shipment with a number the pool still offers",
            texts(database,
                  "SELECT s.tracking_number FROM shipments s LEFT JOIN waybill_pool p ON "
                  "p.number = s.tracking_number WHERE p.used_ms IS NULL",
                  findings));
    // The labels of a parcel are queued with its move: never one without the other.
    add_all(findings, "shipment without its return label and packing slip",
            described(database,
                      "SELECT s.tracking_number, count(j.id) FROM shipments s LEFT JOIN "
                      "print_jobs j ON j.repair_order_id = s.repair_order_id AND j.template IN "
                      "('return-label', 'packing-slip') AND j.reprint_of IS NULL GROUP BY "
                      "s.repair_order_id, s.tracking_number HAVING count(j.id) <> 2",
                      findings, [](const store::Statement& row) {
                          return fmt::format("{} has {} labels", row.text(0), row.text(1));
                      }));
    // The number a label carries is in its JSON data: read here, as the engines' JSON functions
    // differ.
    auto pool = texts(database, "SELECT number FROM waybill_pool", findings);
    auto used = texts(database, "SELECT tracking_number FROM shipments", findings);
    std::set<std::string> in_pool(pool.begin(), pool.end());
    std::set<std::string> shipped(used.begin(), used.end());
    add_all(findings, "label of a waybill number no shipment used",
            described(database,
                      "SELECT j.number, j.data FROM print_jobs j WHERE j.template IN "
                      "('return-label', 'packing-slip') ORDER BY j.number",
                      findings, [&](const store::Statement& row) -> std::string {
                          auto number = json_member(row.text(1), "tracking_number");
                          if (!number || !in_pool.contains(*number) || shipped.contains(*number))
                              return "";
                          return fmt::format("job {}: {}", row.text(0), *number);
                      }));
}

// Every repair order's received and workflow changes, chained up to its state.
std::vector<std::string> order_chains(store::Database& database,
                                      std::vector<std::string>& findings) {
    std::vector<AuditedChange> changes;
    each_row_of(database,
                "SELECT r.number, a.id, a.from_state, a.to_state FROM audit_log a JOIN "
                "repair_orders r ON r.id = a.repair_order_id WHERE a.action IN "
                "('intake.received', 'transition')",
                findings, [&](const store::Statement& row) {
                    changes.push_back(
                        {row.text(0), row.int64(1), optional_text(row, 2), optional_text(row, 3)});
                });
    std::map<std::string, std::string> states;
    each_row_of(database, "SELECT number, state FROM repair_orders", findings,
                [&](const store::Statement& row) { states[row.text(0)] = row.text(1); });
    return broken_chains(std::move(changes), states);
}

// Every print job's audited changes (the job's number is in the audit row's JSON detail),
// chained up to its state.
std::vector<std::string> print_job_chains(store::Database& database,
                                          std::vector<std::string>& findings) {
    std::vector<AuditedChange> changes;
    auto unnamed = described(
        database,
        "SELECT id, detail, from_state, to_state FROM audit_log WHERE action LIKE 'print.%' AND "
        "to_state IS NOT NULL",
        findings, [&](const store::Statement& row) -> std::string {
            auto job = json_member(row.text(1), "job");
            if (!job)
                return fmt::format("audit {} changes a print job it does not name", row.text(0));
            changes.push_back(
                {"job " + *job, row.int64(0), optional_text(row, 2), optional_text(row, 3)});
            return "";
        });
    std::map<std::string, std::string> states;
    each_row_of(database, "SELECT number, state FROM print_jobs", findings,
                [&](const store::Statement& row) { states["job " + row.text(0)] = row.text(1); });
    auto broken = broken_chains(std::move(changes), states);
    broken.insert(broken.end(), unnamed.begin(), unnamed.end());
    return broken;
}

}  // namespace

std::vector<std::string> check_store(const std::string& db, const std::string& platform_db) {
    std::vector<std::string> findings;
    if (!store::Database::is_server_url(db)) check_sqlite(db, findings);
    auto opened = store::Database::open(db, {.create = false});
    if (!opened) {
        findings.push_back("cannot open the store: " + opened.error().message);
        return findings;
    }
    auto& database = *opened;
    add_all(findings, "repair order audit", order_chains(database, findings));
    check_events(database, platform_db, findings);
    check_ledger(database, findings);
    check_shipping(database, findings);
    add_all(findings, "print job audit", print_job_chains(database, findings));
    return findings;
}

}  // namespace rs::test
