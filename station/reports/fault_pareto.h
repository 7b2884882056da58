// Fault Pareto (docs/reports.md): what the latest diagnosis of each case found, by count, with
// each finding's share and the cumulative share; no fault found is a finding of its own, so its
// share is the no-fault-found rate.
#pragma once

#include <string>

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// What a diagnosis found: its defect code; "no_fault_found" when that was the cause;
// "(no defect code)" for a fault without one.
inline constexpr const char* k_no_fault_found = "no_fault_found";
inline constexpr const char* k_no_defect_code = "(no defect code)";

// SQL over alias d (diagnoses): the finding as named above, and the condition that d is the
// diagnosis in force of its order (none later: not superseded). The case export uses the same
// two.
std::string finding_sql();
std::string in_force_sql();

// Columns: the group, finding, cases, share, cumulative_share. Within a group the findings go
// from the most cases to the fewest (equal counts by code).
Result<ReportTable> fault_pareto(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
