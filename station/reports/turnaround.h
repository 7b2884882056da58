// Turnaround (docs/reports.md): of the cases shipped in the period, how long from receipt to
// shipping and how long in each stage, as median, p90 and max, in calendar hours and in the
// working hours of the policy's calendar; and the same durations as a histogram of days.
#pragma once

#include <array>
#include <map>
#include <vector>

#include "common/error.h"
#include "station/reports/case_facts.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

// "total" then each Stage, in the order the rows list them.
inline constexpr std::size_t k_turnaround_parts = 7;
const char* turnaround_part_name(std::size_t part);

struct Duration {
    std::int64_t calendar_ms = 0;
    std::int64_t working_ms = 0;
};

// Per group, per part (total, then the stages): the durations of the cases that went through it.
using TurnaroundGroups =
    std::map<std::string, std::array<std::vector<Duration>, k_turnaround_parts>>;
Result<TurnaroundGroups> turnaround_by_group(StationStore& store, const ReportScope& scope);

// Columns: the group, stage, cases, median_h, p90_h, max_h, median_work_h, p90_work_h,
// max_work_h.
Result<ReportTable> turnaround(StationStore& store, const ReportScope& scope);
// Columns: the group, stage, from_days, to_days (empty: no upper end), cases; calendar days.
Result<ReportTable> turnaround_histogram(StationStore& store, const ReportScope& scope);

}  // namespace rs::station
