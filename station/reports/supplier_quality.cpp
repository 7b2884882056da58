// Suppliers: used parts and returned lines counted together in one grouped query.
#include "station/reports/supplier_quality.h"

#include <fmt/format.h>

#include "station/reports/part_lines.h"
#include "station/reports/report_rows.h"

namespace rs::station {

std::string defect_ppm_text(std::int64_t defects, std::int64_t used) {
    if (used <= 0) return "";
    // Whole numbers only: the Python check gets the same answer without floating point.
    return std::to_string((defects * 2'000'000 + used) / (2 * used));
}

Result<ReportTable> supplier_quality(StationStore& store, const ReportScope& scope) {
    // A used part counts under the one supplier the catalog lists for it; with none or several
    // listed nobody can tell whose stock it was. A returned line names its batch's supplier.
    std::string sql = fmt::format(
        "SELECT supplier, sku, sum(used), sum(doa), sum(defective) FROM ("
        "SELECT CASE WHEN u.supplier_count = 1 THEN u.supplier ELSE '{0}' END AS supplier, "
        "u.sku AS sku, u.qty AS used, 0 AS doa, 0 AS defective FROM ({1}) u "
        "WHERE u.at_ms >= ?1 AND u.at_ms < ?2 "
        "UNION ALL "
        "SELECT r.supplier, r.sku, 0, CASE WHEN r.reason = '{3}' THEN r.qty ELSE 0 END, "
        "CASE WHEN r.reason = '{4}' THEN r.qty ELSE 0 END FROM ({2}) r "
        "WHERE r.reason IN ('{3}', '{4}') AND r.added_ms >= ?1 AND r.added_ms < ?2"
        ") lines GROUP BY supplier, sku ORDER BY supplier, sku",
        k_supplier_not_known, used_lines_sql(), return_lines_sql(), k_reason_doa,
        k_reason_defective);
    ReportTable table{
        "suppliers", {"supplier", "sku", "used", "doa", "defective", "defect_ppm"}, {}};
    auto read = for_each_row(store, sql, scope, [&](const store::Statement& row) {
        std::int64_t used = row.int64(2), doa = row.int64(3), defective = row.int64(4);
        table.rows.push_back({row.text(0), row.text(1), std::to_string(used), std::to_string(doa),
                              std::to_string(defective), defect_ppm_text(doa + defective, used)});
    });
    if (!read) return std::unexpected(read.error());
    return table;
}

}  // namespace rs::station
