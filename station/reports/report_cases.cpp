// The case-level export of the reports' facts.
#include "station/reports/report_cases.h"

#include <fmt/format.h>

#include "station/reports/fault_pareto.h"
#include "station/reports/report_rows.h"

namespace rs::station {

Result<ReportTable> report_cases(StationStore& store) {
    std::string sql = fmt::format(
        "SELECT o.number, r.product_model, {}, {}, o.owner_id, o.created_ms, "
        "coalesce(a.outcome, ''), coalesce(CAST(a.finished_ms AS TEXT), ''), "
        "CASE WHEN d.id IS NULL THEN '' ELSE {} END, coalesce(CAST(d.time_ms AS TEXT), ''), "
        // The customer's rating of the case (station/rma/satisfaction.h), empty when none.
        "coalesce(CAST(r.satisfaction_rating AS TEXT), ''), r.satisfaction_comment, "
        "coalesce(CAST(r.satisfaction_rated_ms AS TEXT), '') "
        "FROM repair_orders o JOIN rmas r ON r.id = o.rma_id "
        "LEFT JOIN qa_attempts a ON a.repair_order_id = o.id AND a.attempt = 1 AND "
        "a.outcome <> 'open' "
        "LEFT JOIN diagnoses d ON d.repair_order_id = o.id AND {} "
        "ORDER BY o.seq",
        group_sql(ReportGroup::Category, ""), group_sql(ReportGroup::Route, ""), finding_sql(),
        in_force_sql());
    ReportTable table{"cases",
                      {"order", "model", "category", "route", "technician", "received_ms",
                       "first_qa", "first_qa_ms", "finding", "diagnosed_ms", "satisfaction_rating",
                       "satisfaction_comment", "rated_ms"},
                      {}};
    auto read = for_each_row(store, sql, [&](const store::Statement& row) {
        std::vector<std::string> cells;
        for (std::size_t column = 0; column < table.columns.size(); ++column)
            cells.push_back(row.text(column));
        table.rows.push_back(std::move(cells));
    });
    if (!read) return std::unexpected(read.error());
    return table;
}

}  // namespace rs::station
