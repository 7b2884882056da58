// The used-part and supplier-return lines, as SQL.
#include "station/reports/part_lines.h"

namespace rs::station {

std::string used_lines_sql() {
    // Only moves whose reference is a repair order: an exchange's replacement unit issued for an
    // order counts, a part scrapped or counted away does not (those never go to CONSUMPTION).
    return "SELECT m.id AS move_id, o.number AS order_number, p.sku AS sku, m.qty AS qty, "
           "m.at_ms AS at_ms, m.unit_cost AS unit_cost, "
           "(SELECT count(*) FROM inv_supplier_parts sp WHERE sp.part_id = m.part_id) AS "
           "supplier_count, "
           "coalesce((SELECT min(s.name) FROM inv_supplier_parts sp JOIN inv_suppliers s ON "
           "s.id = sp.supplier_id WHERE sp.part_id = m.part_id), '') AS supplier "
           "FROM inv_moves m JOIN inv_locations l ON l.id = m.to_id AND l.kind = 'consumption' "
           "JOIN inv_parts p ON p.id = m.part_id JOIN repair_orders o ON o.number = m.reference";
}

std::string return_lines_sql() {
    return "SELECT rl.id AS line_id, rl.reference AS reference, p.sku AS sku, rl.qty AS qty, "
           "rl.added_ms AS added_ms, rl.reason AS reason, b.number AS batch_number, "
           "b.state AS batch_state, rl.state AS line_state, s.name AS supplier, "
           "coalesce((SELECT ps.average_cost FROM inv_part_stock ps WHERE ps.part_id = "
           "rl.part_id), 0) AS unit_value "
           "FROM inv_supplier_return_lines rl JOIN inv_supplier_returns b ON b.id = rl.return_id "
           "JOIN inv_suppliers s ON s.id = b.supplier_id JOIN inv_parts p ON p.id = rl.part_id "
           "WHERE rl.state <> 'removed'";
}

}  // namespace rs::station
