// What a person asks of a report, as text (the CLI's options, the web's query parameters), made
// into the report's scope in one place, so both refuse the same mistakes with the same words;
// and running a report under the policy in force.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "station/reports/report_catalog.h"

namespace rs::station {

struct ReportRequest {
    std::string from, to;  // YYYY-MM-DD (UTC; a date is its midnight), or empty: no bound
    std::string by = "all";
    std::optional<std::string> repeat_days;  // days, 1..k_max_repeat_days
};

inline constexpr int k_max_repeat_days = 3650;

// The scope of `report` for `request`: `to` is exclusive. An Invalid error whose message starts
// with the parameter's name ("from: 2026-13-01 is not a date ...").
Result<ReportScope> scope_for(const ReportKind& report, const ReportRequest& request);

// Runs `report` with the policy in force (its calendar counts working time, its rules the
// deadlines). Reports only read: a configured policy file that is new is not loaded here.
Result<ReportTable> run_report(StationStore& store, const ReportKind& report, ReportScope scope);

}  // namespace rs::station
