// Every report the station makes, by name: the one list the CLI (`station report NAME`) and the
// web UI's Reports page both read, so a report added here appears in both.
#pragma once

#include <span>
#include <string_view>

#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/reports/report_table.h"
#include "station/store/station_store.h"

namespace rs::station {

using ReportFunction = Result<ReportTable> (*)(StationStore&, const ReportScope&);

struct ReportKind {
    const char* name;     // "fpy": the CLI's subcommand, the web API's path segment
    const char* title;    // "First-pass yield"
    const char* summary;  // one sentence: what it counts (docs/reports.md has the formula)
    ReportFunction run;
    bool grouped = true;         // takes --by; false: its rows are cases or lines, not groups
    bool repeat_window = false;  // counts repeat repairs: takes --repeat-days
};

std::span<const ReportKind> report_catalog();
// The report called `name`, or null.
const ReportKind* find_report(std::string_view name);

}  // namespace rs::station
