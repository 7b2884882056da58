// First-pass yield (docs/reports.md): of the cases whose first QA attempt ended in the period,
// the share that passed it.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: the group, reached_qa, first_pass, fpy.
Result<ReportTable> first_pass_yield(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
