// First-pass yield: one grouped count over the first QA attempts (qa_attempts.attempt = 1).
#include "station/reports/first_pass_yield.h"

#include <fmt/format.h>

#include "station/reports/report_rows.h"

namespace rs::station {

Result<ReportTable> first_pass_yield(StationStore& store, const ReportScope& scope) {
    std::string sql = fmt::format(
        "SELECT {} AS grp, count(*), sum(CASE WHEN a.outcome = 'passed' THEN 1 ELSE 0 END) "
        "FROM qa_attempts a{} "
        "WHERE a.attempt = 1 AND a.outcome <> 'open' AND a.finished_ms >= ?1 AND "
        "a.finished_ms < ?2 GROUP BY grp",
        group_sql(scope.by, "a.finished_ms"), group_joins(scope.by, "a.repair_order_id"));
    ReportTable table{
        "fpy", {std::string(name_of(scope.by)), "reached_qa", "first_pass", "fpy"}, {}};
    auto read = for_each_row(store, sql, scope, [&](const store::Statement& row) {
        std::int64_t reached = row.int64(1), passed = row.int64(2);
        table.rows.push_back({group_label(scope.by, row.text(0)), std::to_string(reached),
                              std::to_string(passed), share_text(passed, reached)});
    });
    if (!read) return std::unexpected(read.error());
    sort_by_group(table);
    return table;
}

}  // namespace rs::station
