// Suppliers (docs/reports.md): per supplier and part, the parts used in repairs, those that
// went back dead on arrival or defective, and the defect rate in parts per million.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// (doa + defective) / used x 1,000,000, rounded to the nearest whole ppm (halves up); "" when
// nothing was used.
std::string defect_ppm_text(std::int64_t defects, std::int64_t used);

// Columns: supplier, sku, used, doa, defective, defect_ppm; by supplier, then sku. Not grouped
// (--by does not apply): its rows are supplier and part.
Result<ReportTable> supplier_quality(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
