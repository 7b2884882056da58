// Supplier returns open (docs/reports.md): the batches not yet shipped back, oldest first, with
// what they hold.
#pragma once

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: batch (SR-000001), supplier, opened (UTC time), lines and units held, value (units
// at the part's moving average cost, minor units). Batches opened in the scope's period; not
// grouped.
Result<ReportTable> open_supplier_returns(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
