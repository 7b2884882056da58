// Repeat repairs (docs/reports.md): the same device (IMEI or serial) received again within the
// repeat window (90 days unless --repeat-days) after its earlier case was shipped.
#pragma once

#include <vector>

#include "common/error.h"
#include "station/reports/case_facts.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

struct RepeatRepair {
    const CaseFacts* first;   // the earlier case, shipped
    const CaseFacts* repeat;  // the device back
};

// Every repeat whose second receipt falls in the period, in the order the repeats arrived.
std::vector<RepeatRepair> find_repeats(const std::vector<CaseFacts>& cases,
                                       const ReportScope& scope);

// Columns: device, first_order, first_finding, first_shipped, technician (the first case's),
// repeat_order, repeat_received, days_after, repeat_finding.
Result<ReportTable> repeat_repairs(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
