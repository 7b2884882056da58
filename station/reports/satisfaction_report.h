// Satisfaction (docs/reports.md): the customers' ratings (1..5) of their closed cases, as the
// platform's RMA carries them, by the group of the case.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: the group, rated, mean_rating (two decimals), share_4_5 (rated 4 or 5), share_1_2
// (rated 1 or 2). A case is dated by its rating (rated_ms).
Result<ReportTable> satisfaction_report(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
