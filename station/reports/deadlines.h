// Deadlines (docs/reports.md): the policy's review deadline (N working days after receipt) and
// completion deadline (M working days after approval), met or missed; the misses with by how
// much; the open cases whose deadline is close or past.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Deadlines due in the period. Columns: the group, reviewed (review deadlines due),
// reviewed_in_time, review_share, completed (completion deadlines due), completed_in_time,
// complete_share.
Result<ReportTable> deadlines(StationStore& store, const ReportScope& scope);
// The deadlines due in the period that were missed. Columns: order, deadline (review or
// complete), due, done (empty: not yet), working_days_late, technician.
Result<ReportTable> deadline_misses(StationStore& store, const ReportScope& scope);
// Now, whatever the period: the open deadlines due within one working day or already past.
// Columns: order, deadline, due, working_days_left (negative: overdue), technician.
Result<ReportTable> deadlines_at_risk(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
