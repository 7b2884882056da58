// Supplier returns open: one query over the open batches and their held lines.
#include "station/reports/open_supplier_returns.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "inventory/supplier_returns.h"
#include "station/reports/part_lines.h"
#include "station/reports/report_rows.h"

namespace rs::station {

Result<ReportTable> open_supplier_returns(StationStore& store, const ReportScope& scope) {
    // An open batch holds only held lines (and removed ones, which return_lines_sql leaves out);
    // an empty one is listed too: it is open all the same.
    std::string sql = fmt::format(
        "SELECT b.number, s.name, b.opened_ms, count(r.line_id), coalesce(sum(r.qty), 0), "
        "coalesce(sum(r.qty * r.unit_value), 0) "
        "FROM inv_supplier_returns b JOIN inv_suppliers s ON s.id = b.supplier_id "
        "LEFT JOIN ({}) r ON r.batch_number = b.number "
        "WHERE b.state = 'open' AND b.opened_ms >= ?1 AND b.opened_ms < ?2 "
        "GROUP BY b.number, s.name, b.opened_ms ORDER BY b.opened_ms, b.number",
        return_lines_sql());
    ReportTable table{
        "supplier-returns", {"batch", "supplier", "opened", "lines", "units", "value"}, {}};
    auto read = for_each_row(store, sql, scope, [&](const store::Statement& row) {
        table.rows.push_back({inventory::supplier_return_name(row.int64(0)), row.text(1),
                              format_utc_ms(row.int64(2)), row.text(3), row.text(4), row.text(5)});
    });
    if (!read) return std::unexpected(read.error());
    return table;
}

}  // namespace rs::station
