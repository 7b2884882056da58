// The cases behind the reports, one row each: the facts a person (or a checking script) can
// recompute every report from without the station's code.
#pragma once

#include "common/error.h"
#include "station/policy/policy.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Every repair order: order, model, category, route, technician, received_ms, first_qa
// (passed, failed or empty), first_qa_ms, finding (as the Pareto names it; empty when not
// diagnosed), diagnosed_ms, technician_name, device, platform, reviewed_ms (the first route
// decision), quote (accepted, open or empty), approved_ms (the accepted quote's; empty
// otherwise), quoted_minor, parts_minor, labour_minor (the order's cost). Oldest first.
Result<ReportTable> report_cases(StationStore& store, const Policy* policy);

// Every state change of every order: order, time_ms, from_state, to_state; in the order they
// happened. With the case export, what turnaround and deadlines are counted from.
Result<ReportTable> report_history(StationStore& store);

}  // namespace rs::station
