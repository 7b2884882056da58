// The list of reports.
#include "station/reports/report_catalog.h"

#include <algorithm>
#include <array>

#include "station/reports/fault_pareto.h"
#include "station/reports/first_pass_yield.h"
#include "station/reports/open_supplier_returns.h"
#include "station/reports/satisfaction_report.h"
#include "station/reports/supplier_quality.h"

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
        {"suppliers", "Suppliers",
         "Per supplier and part: parts used in repairs, dead on arrival, returned as defective, "
         "and the defect rate in parts per million",
         supplier_quality, false},
        {"supplier-returns", "Supplier returns open",
         "The supplier-return batches not shipped yet, oldest first, with their lines, units "
         "and value",
         open_supplier_returns, false},
        {"satisfaction", "Satisfaction",
         "The customers' ratings (1..5) of their closed cases: cases rated, mean rating, share "
         "rated 4 or 5, share rated 1 or 2",
         satisfaction_report},
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
