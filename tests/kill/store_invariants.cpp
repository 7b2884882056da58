// check_store: SQLite's checks by the sqlite3 program, then each rule as a query that returns
// its counter-examples.
#include "tests/kill/store_invariants.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
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

// The first column of each row of `sql` (errors become findings: a check that cannot run has
// not passed).
std::vector<std::string> texts(store::Database& database, const std::string& sql,
                               std::vector<std::string>& findings) {
    std::vector<std::string> rows;
    auto query = database.prepare(sql);
    if (!query) {
        findings.push_back("cannot run a check: " + query.error().message);
        return rows;
    }
    auto read = query->each_row([&](const store::Statement& row) { rows.push_back(row.text(0)); });
    if (!read) findings.push_back("cannot run a check: " + read.error().message);
    return rows;
}

void add_all(std::vector<std::string>& findings, const std::string& rule,
             const std::vector<std::string>& examples) {
    for (const auto& example : examples)
        findings.push_back(rule + ": " + example);
}

// SQLite's own checks, by a program we did not write (and so no PRAGMA in our code).
void check_sqlite(const std::string& db, std::vector<std::string>& findings) {
    auto integrity = run_process({SQLITE3_BINARY, db, "PRAGMA integrity_check;"});
    if (integrity.exit_code != 0 || integrity.out != "ok\n")
        findings.push_back("integrity_check: " + integrity.out + integrity.err);
    auto keys = run_process({SQLITE3_BINARY, db, "PRAGMA foreign_key_check;"});
    if (keys.exit_code != 0 || !keys.out.empty())
        findings.push_back("foreign_key_check: " + keys.out + keys.err);
}

// A chain of audited state changes, per subject, ordered by audit id: each starts from nothing,
// each change starts where the one before ended, and the last ends at the subject's state.
// `changes` selects (subject, id, from, to) and `subjects` (subject, state).
std::vector<std::string> broken_chains(store::Database& database, const std::string& changes,
                                       const std::string& subjects,
                                       std::vector<std::string>& findings) {
    return texts(database,
                 fmt::format("WITH c AS (SELECT subject, id, from_state, to_state, "
                             "LAG(to_state) OVER (PARTITION BY subject ORDER BY id) AS before, "
                             "ROW_NUMBER() OVER (PARTITION BY subject ORDER BY id DESC) AS back "
                             "FROM ({})), s AS ({}) "
                             "SELECT format('%s: audit %d goes from %Q but the state was %Q', "
                             "subject, id, from_state, before) FROM c WHERE from_state IS NOT "
                             "before UNION ALL "
                             "SELECT format('%s is %Q but its last audited change ends at %Q', "
                             "s.subject, s.state, c.to_state) FROM s LEFT JOIN c ON c.subject = "
                             "s.subject AND c.back = 1 WHERE c.to_state IS NOT s.state",
                             changes, subjects),
                 findings);
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
            texts(database,
                  fmt::format("SELECT format('%s is %s but reservation %d is %s', r.number, "
                              "r.state, v.id, v.state) FROM inv_reservations v JOIN "
                              "repair_order_parts l ON l.reservation_id = v.id JOIN "
                              "repair_orders r ON r.id = l.repair_order_id WHERE v.state IN "
                              "('reserved', 'picked') AND r.state IN ({})",
                              finals),
                  findings));
    add_all(findings, "reservation of no repair order",
            texts(database,
                  "SELECT format('reservation %d (%s) is tied to no repair order', v.id, "
                  "v.order_ref) FROM inv_reservations v LEFT JOIN repair_order_parts l ON "
                  "l.reservation_id = v.id WHERE l.repair_order_id IS NULL",
                  findings));
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
            texts(database,
                  "SELECT format('%s is %s', r.number, r.state) FROM shipments s JOIN "
                  "repair_orders r ON r.id = s.repair_order_id WHERE r.state NOT IN ('shipped', "
                  "'closed')",
                  findings));
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
            texts(database,
                  "SELECT format('%s has %d labels', s.tracking_number, count(j.id)) FROM "
                  "shipments s LEFT JOIN print_jobs j ON j.repair_order_id = s.repair_order_id "
                  "AND j.template IN ('return-label', 'packing-slip') AND j.reprint_of IS NULL "
                  "GROUP BY s.repair_order_id HAVING count(j.id) != 2",
                  findings));
    add_all(findings, "label of a waybill number no shipment used",
            texts(database,
                  "SELECT format('job %d: %s', j.number, json_extract(j.data, "
                  "'$.tracking_number')) FROM print_jobs j WHERE j.template IN ('return-label', "
                  "'packing-slip') AND json_extract(j.data, '$.tracking_number') IN (SELECT "
                  "number FROM waybill_pool) AND json_extract(j.data, '$.tracking_number') NOT "
                  "IN (SELECT tracking_number FROM shipments)",
                  findings));
}

}  // namespace

std::vector<std::string> check_store(const std::string& db, const std::string& platform_db) {
    std::vector<std::string> findings;
    check_sqlite(db, findings);
    auto opened = store::Database::open(db, {.create = false});
    if (!opened) {
        findings.push_back("cannot open the store: " + opened.error().message);
        return findings;
    }
    auto& database = *opened;
    add_all(findings, "repair order audit",
            broken_chains(database,
                          "SELECT r.number AS subject, a.id, a.from_state, a.to_state FROM "
                          "audit_log a JOIN repair_orders r ON r.id = a.repair_order_id WHERE "
                          "a.action IN ('intake.received', 'transition')",
                          "SELECT number AS subject, state FROM repair_orders", findings));
    check_events(database, platform_db, findings);
    check_ledger(database, findings);
    check_shipping(database, findings);
    add_all(findings, "print job audit",
            broken_chains(database,
                          "SELECT 'job ' || json_extract(detail, '$.job') AS subject, id, "
                          "from_state, to_state FROM audit_log WHERE action LIKE 'print.%' AND "
                          "to_state IS NOT NULL",
                          "SELECT 'job ' || number AS subject, state FROM print_jobs", findings));
    return findings;
}

}  // namespace rs::test
