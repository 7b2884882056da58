// Running a report's query and ordering its rows.
#include "station/reports/report_rows.h"

#include <algorithm>

namespace rs::station {

namespace {

Status step_all(store::Statement& query, const OnRow& on_row) {
    for (;;) {
        auto row = query.step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
        on_row(query);
    }
}

}  // namespace

Status for_each_row(StationStore& store, const std::string& sql, const ReportScope& scope,
                    const OnRow& on_row) {
    auto query = store.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    query->bind_all(scope.from_ms, scope.to_ms);
    return step_all(*query, on_row);
}

Status for_each_row(StationStore& store, const std::string& sql, const OnRow& on_row) {
    auto query = store.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    return step_all(*query, on_row);
}

Result<std::map<std::string, std::string>> operator_names(StationStore& store) {
    std::map<std::string, std::string> names;
    auto read =
        for_each_row(store, "SELECT id, name FROM operators",
                     [&](const store::Statement& row) { names[row.text(0)] = row.text(1); });
    if (!read) return std::unexpected(read.error());
    return names;
}

void sort_by_group(ReportTable& table) {
    std::stable_sort(table.rows.begin(), table.rows.end(),
                     [](const auto& a, const auto& b) { return a.front() < b.front(); });
}

}  // namespace rs::station
