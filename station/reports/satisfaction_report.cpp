// Satisfaction: one grouped count over the repair orders whose RMA the customer rated.
#include "station/reports/satisfaction_report.h"

#include <fmt/format.h>

#include "station/reports/report_rows.h"

namespace rs::station {

Result<ReportTable> satisfaction_report(StationStore& store, const ReportScope& scope) {
    std::string sql = fmt::format(
        "SELECT {} AS grp, count(*), sum(r.satisfaction_rating), "
        "sum(CASE WHEN r.satisfaction_rating >= 4 THEN 1 ELSE 0 END), "
        "sum(CASE WHEN r.satisfaction_rating <= 2 THEN 1 ELSE 0 END) "
        "FROM repair_orders o JOIN rmas r ON r.id = o.rma_id "
        "WHERE r.satisfaction_rating IS NOT NULL AND r.satisfaction_rated_ms >= ?1 AND "
        "r.satisfaction_rated_ms < ?2 GROUP BY grp",
        group_sql(scope.by, "r.satisfaction_rated_ms"));
    ReportTable table{
        "satisfaction",
        {std::string(name_of(scope.by)), "rated", "mean_rating", "share_4_5", "share_1_2"},
        {}};
    auto read = for_each_row(store, sql, scope, [&](const store::Statement& row) {
        std::int64_t rated = row.int64(1), sum = row.int64(2);
        // The mean of whole ratings: the sum divided once, as the Python check does.
        table.rows.push_back(
            {group_label(scope.by, row.text(0)), std::to_string(rated),
             fmt::format("{:.2f}", static_cast<double>(sum) / static_cast<double>(rated)),
             share_text(row.int64(3), rated), share_text(row.int64(4), rated)});
    });
    if (!read) return std::unexpected(read.error());
    sort_by_group(table);
    return table;
}

}  // namespace rs::station
