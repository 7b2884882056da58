// The list of reports.
#include "station/reports/report_catalog.h"

#include <algorithm>
#include <array>

#include "station/reports/case_cost.h"
#include "station/reports/deadlines.h"
#include "station/reports/fault_pareto.h"
#include "station/reports/first_pass_yield.h"
#include "station/reports/people.h"
#include "station/reports/repeat_repairs.h"
#include "station/reports/turnaround.h"

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
        {"turnaround", "Turnaround",
         "Of the cases shipped in the period: receipt to shipping and each stage, median, p90 and "
         "max, in calendar hours and in working hours",
         turnaround},
        {"turnaround-histogram", "Turnaround histogram",
         "Of the cases shipped in the period: how many took 0-1, 1-2, 2-3, 3-5, 5-7, 7-14, 14-30 "
         "and 30 or more calendar days, in total and in each stage",
         turnaround_histogram},
        {"deadlines", "Deadlines met",
         "Review and completion deadlines due in the period (working days of the policy's "
         "calendar): how many were met",
         deadlines},
        {"deadline-misses", "Deadlines missed",
         "The review and completion deadlines due in the period that were missed, by how many "
         "working days",
         deadline_misses, false},
        {"at-risk", "Cases at risk",
         "Now: the open deadlines due within one working day or already past", deadlines_at_risk,
         false},
        {"repeats", "Repeat repairs",
         "Devices back within the repeat window after their case was shipped, with both cases "
         "and what each diagnosis found",
         repeat_repairs, false, true},
        {"people", "People",
         "Per technician: cases closed, first-pass yield, median working hours in repair, repeat "
         "repairs of their cases",
         people, false, true},
        {"cost", "Cost",
         "Of the cases shipped in the period: parts and labour, warranty cost against the revenue "
         "of accepted quotes",
         case_cost},
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
