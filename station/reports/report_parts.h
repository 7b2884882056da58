// The part lines behind the supplier reports, one row each: what a person (or a checking
// script) recomputes `suppliers` and `supplier-returns` from without the station's code.
#pragma once

#include "common/error.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// Columns: kind, reference, sku, qty, at_ms, supplier, supplier_count, reason, batch,
// batch_state, line_state, unit_value. Three kinds of row:
// - `used`: a part consumed for a repair order (reference: the order, at_ms: when), with the
//   number of suppliers the catalog lists for the part and the first of them by name;
// - `returned`: a supplier-return line not removed from its batch (reference: the order or the
//   receipt, at_ms: when it was added, supplier: the batch's, reason, batch, the batch's and the
//   line's state, unit_value: the part's moving average cost);
// - `batch`: a supplier-return batch (at_ms: when it was opened, batch_state), so that an open
//   batch without lines is listed too.
Result<ReportTable> report_parts(StationStore& store);

}  // namespace rs::station
