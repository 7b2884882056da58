// Reorder report: one query over the running totals, then the suggested quantity per part.
#include "inventory/reorder.h"

namespace rs::inventory {

Result<std::vector<ReorderLine>> reorder_report(Inventory& inventory) {
    auto query = inventory.db().prepare(
        "SELECT p.sku, CASE WHEN p.description_en <> '' THEN p.description_en ELSE "
        "p.description_zh END, s.on_hand, "
        "max(0, coalesce((SELECT sum(b.qty) FROM inv_balances b JOIN inv_locations l ON l.id = "
        "b.location_id WHERE b.part_id = p.id AND l.kind = 'in_transit'), 0)), s.reserved, s.held, "
        "coalesce((SELECT sum(o.qty) FROM inv_backorders o WHERE o.part_id = p.id AND o.state "
        "= 'open'), 0), p.reorder_point, p.reorder_qty FROM inv_parts p JOIN inv_part_stock s "
        "ON s.part_id = p.id WHERE p.reorder_point > 0 OR p.reorder_qty > 0 OR EXISTS (SELECT 1 "
        "FROM inv_backorders o WHERE o.part_id = p.id AND o.state = 'open') ORDER BY p.sku");
    if (!query) return std::unexpected(query.error());
    std::vector<ReorderLine> out;
    auto read = query->each_row([&](store::RowReader row) {
        ReorderLine line;
        std::int64_t batch = 0;
        row.read(line.sku, line.description, line.on_hand, line.incoming, line.reserved, line.held,
                 line.backordered, line.reorder_point, batch);
        if (line.position() > line.reorder_point) return;
        std::int64_t need = line.reorder_point - line.position() + 1;
        line.suggested = batch > 0 ? (need + batch - 1) / batch * batch : need;
        out.push_back(std::move(line));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

}  // namespace rs::inventory
