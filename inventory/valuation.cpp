// Stock valuation: from running totals (now) or from the moves' carried costs (any time).
#include "inventory/valuation.h"

namespace rs::inventory {

Result<StockValue> stock_value(Inventory& inventory) {
    auto query = inventory.db().prepare(
        "SELECT p.sku, s.on_hand, s.average_cost FROM inv_part_stock s JOIN inv_parts p ON p.id "
        "= s.part_id WHERE s.on_hand > 0 ORDER BY p.sku");
    if (!query) return std::unexpected(query.error());
    StockValue out;
    auto read = query->each_row([&](const store::Statement& row) {
        PartValue part{row.text(0), row.int64(1), row.int64(2), row.int64(1) * row.int64(2)};
        out.total += part.value;
        out.parts.push_back(std::move(part));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

Result<std::int64_t> stock_value_at(Inventory& inventory, std::int64_t at_ms) {
    auto query = inventory.db().prepare(
        "WITH physical AS (SELECT id FROM inv_locations WHERE kind IN ('warehouse', 'zone', "
        "'bin', 'workbench')) SELECT coalesce(sum(m.qty * m.unit_cost * ("
        "(m.to_id IN physical) - (m.from_id IN physical))), 0) FROM inv_moves m "
        "WHERE m.at_ms <= ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, at_ms);
    auto row = query->step();
    if (!row) return std::unexpected(row.error());
    return query->int64(0);
}

}  // namespace rs::inventory
