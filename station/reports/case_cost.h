// Cost (docs/reports.md): of the cases shipped in the period, parts and labour (the order's cost,
// station/orders/order_cost.h), and what the center paid for warranty work against what the
// customers' accepted quotes bring in.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: the group, cases, parts_minor, labour_minor, total_minor, per_case_minor,
// warranty_cases, warranty_cost_minor, quoted_cases, quoted_cost_minor, quoted_revenue_minor,
// currency.
Result<ReportTable> case_cost(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
