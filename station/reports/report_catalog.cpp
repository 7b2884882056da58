// The list of reports.
#include "station/reports/report_catalog.h"

#include <algorithm>
#include <array>

#include "station/reports/fault_pareto.h"
#include "station/reports/first_pass_yield.h"

namespace rs::station {

std::span<const ReportKind> report_catalog() {
    static const auto k_reports = std::to_array<ReportKind>({
        {"fpy", "First-pass yield",
         "Of the cases whose first QA ended in the period, the share that passed it",
         first_pass_yield},
        {"pareto", "Fault Pareto",
         "What the diagnoses in force found, most cases first, with each finding's share and the "
         "cumulative share; no_fault_found's share is the no-fault-found rate",
         fault_pareto},
    });
    return k_reports;
}

const ReportKind* find_report(std::string_view name) {
    auto reports = report_catalog();
    auto found = std::find_if(reports.begin(), reports.end(),
                              [&](const ReportKind& report) { return report.name == name; });
    return found == reports.end() ? nullptr : &*found;
}

}  // namespace rs::station
