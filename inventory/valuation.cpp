// Stock valuation: from running totals (now) or from the moves' carried costs (any time).
#include "inventory/valuation.h"

namespace rs::inventory {

Result<StockValue> stock_value(Inventory& inventory) {
    auto query = inventory.db().prepare(
        "SELECT p.sku, s.on_hand, s.average_cost FROM inv_part_stock s JOIN inv_parts p ON p.id "
        "= s.part_id WHERE s.on_hand > 0 ORDER BY p.sku");
    if (!query) return std::unexpected(query.error());
    StockValue out;
    auto read = query->each_row([&](store::RowReader row) {
        PartValue part;
        row.read(part.sku, part.on_hand, part.average_cost);
        part.value = part.on_hand * part.average_cost;
        out.total += part.value;
        out.parts.push_back(std::move(part));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

Result<std::int64_t> stock_value_at(Inventory& inventory, std::int64_t at_ms) {
    return query_int(inventory,
                     "WITH physical AS (SELECT id FROM inv_locations WHERE kind IN ('warehouse', "
                     "'zone', 'bin', 'workbench')) SELECT coalesce(sum(m.qty * m.unit_cost * ("
                     "CASE WHEN m.to_id IN (SELECT id FROM physical) THEN 1 ELSE 0 END - "
                     "CASE WHEN m.from_id IN (SELECT id FROM physical) THEN 1 ELSE 0 END)), 0) "
                     "FROM inv_moves m WHERE m.at_ms <= ?1",
                     at_ms);
}

}  // namespace rs::inventory
