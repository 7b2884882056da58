// The part-level export of the supplier reports' facts.
#include "station/reports/report_parts.h"

#include <fmt/format.h>

#include "inventory/supplier_returns.h"
#include "station/reports/part_lines.h"
#include "station/reports/report_rows.h"

namespace rs::station {

Result<ReportTable> report_parts(StationStore& store) {
    ReportTable table{"parts",
                      {"kind", "reference", "sku", "qty", "at_ms", "supplier", "supplier_count",
                       "reason", "batch", "batch_state", "line_state", "unit_value"},
                      {}};
    auto used = for_each_row(
        store,
        fmt::format("SELECT order_number, sku, qty, at_ms, supplier, supplier_count FROM ({}) u "
                    "ORDER BY move_id",
                    used_lines_sql()),
        [&](const store::Statement& row) {
            table.rows.push_back({"used", row.text(0), row.text(1), row.text(2), row.text(3),
                                  row.text(4), row.text(5), "", "", "", "", ""});
        });
    if (!used) return std::unexpected(used.error());
    auto returned = for_each_row(
        store,
        fmt::format("SELECT reference, sku, qty, added_ms, supplier, reason, batch_number, "
                    "batch_state, line_state, unit_value FROM ({}) r ORDER BY line_id",
                    return_lines_sql()),
        [&](const store::Statement& row) {
            table.rows.push_back({"returned", row.text(0), row.text(1), row.text(2), row.text(3),
                                  row.text(4), "1", row.text(5),
                                  inventory::supplier_return_name(row.int64(6)), row.text(7),
                                  row.text(8), row.text(9)});
        });
    if (!returned) return std::unexpected(returned.error());
    auto batches = for_each_row(
        store,
        "SELECT b.number, s.name, b.opened_ms, b.state FROM inv_supplier_returns b JOIN "
        "inv_suppliers s ON s.id = b.supplier_id ORDER BY b.number",
        [&](const store::Statement& row) {
            table.rows.push_back({"batch", "", "", "", row.text(2), row.text(1), "1", "",
                                  inventory::supplier_return_name(row.int64(0)), row.text(3), "",
                                  ""});
        });
    if (!batches) return std::unexpected(batches.error());
    return table;
}

}  // namespace rs::station
