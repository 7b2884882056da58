// Fault Pareto: one grouped count over the latest diagnosis of each case, shares in C++.
#include "station/reports/fault_pareto.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "station/reports/report_rows.h"

namespace rs::station {
namespace {

struct Finding {
    std::string code;
    std::int64_t cases = 0;
};

}  // namespace

std::string finding_sql() {
    return fmt::format(
        "CASE WHEN d.cause = '{}' THEN '{}' WHEN d.defect_code = '' THEN '{}' ELSE d.defect_code "
        "END",
        k_no_fault_found, k_no_fault_found, k_no_defect_code);
}

std::string in_force_sql() {
    // Kept by mark_superseded_diagnoses (station/orders/diagnosis.h) with every diagnosis.
    return "d.superseded = 0";
}

Result<ReportTable> fault_pareto(StationStore& store, const ReportScope& scope) {
    // A case counts once, by the diagnosis in force: none later for the same order.
    std::string sql = fmt::format(
        "SELECT {} AS grp, {} AS finding, count(*) "
        "FROM diagnoses d{} "
        "WHERE d.time_ms >= ?1 AND d.time_ms < ?2 AND {} GROUP BY grp, finding",
        group_sql(scope.by, "d.time_ms"), finding_sql(), group_joins(scope.by, "d.repair_order_id"),
        in_force_sql());
    std::map<std::string, std::vector<Finding>> groups;
    auto read = for_each_row(store, sql, scope, [&](const store::Statement& row) {
        groups[group_label(scope.by, row.text(0))].push_back({row.text(1), row.int64(2)});
    });
    if (!read) return std::unexpected(read.error());

    ReportTable table{
        "pareto",
        {std::string(name_of(scope.by)), "finding", "cases", "share", "cumulative_share"},
        {}};
    for (auto& [group, findings] : groups) {
        std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
            return a.cases != b.cases ? a.cases > b.cases : a.code < b.code;
        });
        std::int64_t total = 0, running = 0;
        for (const auto& finding : findings)
            total += finding.cases;
        for (const auto& finding : findings) {
            running += finding.cases;
            table.rows.push_back({group, finding.code, std::to_string(finding.cases),
                                  share_text(finding.cases, total), share_text(running, total)});
        }
    }
    return table;
}

}  // namespace rs::station
