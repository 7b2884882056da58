// Ledger invariants: each rule is one query that returns a counter-example, or nothing.
#include "inventory/invariants.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace rs::inventory {

namespace {
constexpr const char* k_physical = "('warehouse', 'zone', 'bin', 'workbench')";

// Each query returns one describing text per violation (built with ||, which both engines read
// the same way: SQLite's format() takes printf's %d and %Q, PostgreSQL's does not).
const std::array<std::pair<const char*, std::string>, 9>& rules() {
    static const std::array<std::pair<const char*, std::string>, 9> k_rules{{
        {"each balance equals the sum of its moves",
         "WITH m AS (SELECT part_id, location_id, lot, serial, sum(q) AS q FROM ("
         "  SELECT part_id, to_id AS location_id, lot, serial, qty AS q FROM inv_moves"
         "  UNION ALL SELECT part_id, from_id, lot, serial, -qty FROM inv_moves) AS sides"
         " GROUP BY 1, 2, 3, 4), "
         "b AS (SELECT part_id, location_id, lot, serial, qty AS q FROM inv_balances "
         "      WHERE qty <> 0), "
         "d AS (SELECT * FROM (SELECT * FROM m WHERE q <> 0 EXCEPT SELECT * FROM b) AS missing "
         "      UNION ALL SELECT * FROM (SELECT * FROM b EXCEPT SELECT * FROM m WHERE q <> 0) "
         "      AS extra) "
         "SELECT 'part ' || part_id || ' at location ' || location_id || ' lot ''' || lot || "
         "''' serial ''' || serial || '''' FROM d LIMIT 1"},
        {"a serial is in one place only",
         fmt::format("SELECT 'part ' || b.part_id || ' serial ''' || b.serial || ''': ' || "
                     "sum(b.qty) || ' units in ' || count(*) || ' places' FROM inv_balances b "
                     "JOIN inv_locations l ON l.id = b.location_id WHERE b.serial <> '' AND "
                     "b.qty <> 0 AND l.kind IN {} GROUP BY b.part_id, b.serial HAVING "
                     "count(*) > 1 OR sum(b.qty) > 1 LIMIT 1",
                     k_physical)},
        {"physical stock is never negative nor below what is reserved",
         fmt::format("SELECT 'part ' || b.part_id || ' at ' || l.code || ' lot ''' || b.lot || "
                     "''' serial ''' || b.serial || ''': qty ' || b.qty || ' reserved ' || "
                     "b.reserved FROM inv_balances b JOIN inv_locations l ON l.id = "
                     "b.location_id WHERE l.kind IN {} AND (b.qty < 0 OR b.reserved > b.qty) "
                     "LIMIT 1",
                     k_physical)},
        {"virtual locations hold no reservations",
         fmt::format("SELECT 'part ' || b.part_id || ' at ' || l.code || ': ' || b.reserved || "
                     "' reserved' FROM inv_balances b JOIN inv_locations l ON l.id = "
                     "b.location_id WHERE l.kind NOT IN {} AND b.reserved <> 0 LIMIT 1",
                     k_physical)},
        {"each part's on-hand and reserved match its balances",
         fmt::format("SELECT 'part ' || s.part_id || ': on_hand ' || s.on_hand || ' vs ' || "
                     "coalesce(t.q, 0) || ', reserved ' || s.reserved || ' vs ' || "
                     "coalesce(t.r, 0) FROM inv_part_stock s LEFT JOIN (SELECT b.part_id, "
                     "sum(b.qty) AS q, sum(b.reserved) AS r FROM inv_balances b JOIN "
                     "inv_locations l ON l.id = b.location_id WHERE l.kind IN {} GROUP BY "
                     "b.part_id) t ON t.part_id = s.part_id WHERE s.on_hand <> coalesce(t.q, 0) "
                     "OR s.reserved <> coalesce(t.r, 0) LIMIT 1",
                     k_physical)},
        {"reserved balances match open reservations",
         "WITH r AS (SELECT part_id, location_id, lot, serial, sum(qty) AS q FROM "
         "inv_reservations WHERE state IN ('reserved', 'picked') GROUP BY 1, 2, 3, 4), "
         "b AS (SELECT part_id, location_id, lot, serial, reserved AS q FROM inv_balances WHERE "
         "reserved <> 0), d AS (SELECT * FROM (SELECT * FROM r EXCEPT SELECT * FROM b) AS "
         "missing UNION ALL SELECT * FROM (SELECT * FROM b EXCEPT SELECT * FROM r) AS extra) "
         "SELECT 'part ' || part_id || ' at location ' || location_id || ' lot ''' || lot || "
         "''' serial ''' || serial || '''' FROM d LIMIT 1"},
        {"each part's held units are what it has in QUARANTINE",
         "SELECT 'part ' || s.part_id || ': held ' || s.held || ' vs ' || coalesce(t.q, 0) || "
         "' in QUARANTINE' FROM inv_part_stock s LEFT JOIN (SELECT b.part_id, sum(b.qty) AS q "
         "FROM inv_balances b JOIN inv_locations l ON l.id = b.location_id WHERE l.code = "
         "'QUARANTINE' GROUP BY b.part_id) t ON t.part_id = s.part_id WHERE s.held <> "
         "coalesce(t.q, 0) LIMIT 1"},
        {"QUARANTINE holds exactly the held lines of open supplier returns taken from bins",
         "WITH h AS (SELECT x.part_id, x.lot, x.serial, sum(x.qty) AS q FROM "
         "inv_supplier_return_lines x JOIN inv_supplier_returns r ON r.id = x.return_id JOIN "
         "inv_locations o ON o.id = x.origin_id WHERE x.state = 'held' AND r.state = 'open' AND "
         "o.kind = 'bin' GROUP BY 1, 2, 3), "
         "b AS (SELECT b.part_id, b.lot, b.serial, b.qty AS q FROM inv_balances b JOIN "
         "inv_locations l ON l.id = b.location_id WHERE l.code = 'QUARANTINE' AND b.qty <> 0), "
         "d AS (SELECT * FROM (SELECT * FROM h EXCEPT SELECT * FROM b) AS missing UNION ALL "
         "SELECT * FROM (SELECT * FROM b EXCEPT SELECT * FROM h) AS extra) "
         "SELECT 'part ' || part_id || ' lot ''' || lot || ''' serial ''' || serial || '''' "
         "FROM d LIMIT 1"},
        {"QUARANTINE is never reserved from",
         "SELECT 'part ' || b.part_id || ': ' || b.reserved || ' reserved in QUARANTINE' FROM "
         "inv_balances b JOIN inv_locations l ON l.id = b.location_id WHERE l.code = "
         "'QUARANTINE' AND b.reserved <> 0 LIMIT 1"},
    }};
    return k_rules;
}
}  // namespace

Status check_invariants(Inventory& inventory) {
    for (const auto& [rule, sql] : rules()) {
        auto broken = inventory.db().query_one<std::string>(sql);
        if (!broken) return std::unexpected(broken.error());
        if (*broken)
            return fail(ErrorCode::Internal,
                        fmt::format("invariant broken: {}: {}", rule, **broken), "inventory");
    }
    return {};
}

}  // namespace rs::inventory
