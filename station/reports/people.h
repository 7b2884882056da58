// People (docs/reports.md): per technician, by results: cases closed, first-pass yield, median
// working hours in repair, repeat repairs of the cases they shipped.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: technician, name, cases_closed, reached_qa, first_pass, fpy, median_repair_work_h,
// repeats. One row per technician with any of them in the period.
Result<ReportTable> people(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
