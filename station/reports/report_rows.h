// What every report query shares: run it over the scope's period, one callback per row; and
// rows in the order of their group.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "common/error.h"
#include "common/store/statement.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

using OnRow = std::function<void(const store::Statement&)>;

// Runs `sql` with ?1 = scope.from_ms and ?2 = scope.to_ms.
Status for_each_row(StationStore& store, const std::string& sql, const ReportScope& scope,
                    const OnRow& on_row);
// Runs `sql`, which has no parameters.
Status for_each_row(StationStore& store, const std::string& sql, const OnRow& on_row);

// Every operator's name by badge, for the reports that name people.
Result<std::map<std::string, std::string>> operator_names(StationStore& store);

// Sorts the rows by their first cell (the group), keeping the order within a group.
void sort_by_group(ReportTable& table);

}  // namespace rs::station
