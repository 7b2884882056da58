// People: the other reports grouped by technician, side by side.
#include "station/reports/people.h"

#include <algorithm>
#include <map>

#include "station/reports/distribution.h"
#include "station/reports/first_pass_yield.h"
#include "station/reports/repeat_repairs.h"
#include "station/reports/report_rows.h"
#include "station/reports/turnaround.h"

namespace rs::station {
namespace {

struct Person {
    std::int64_t closed = 0, repeats = 0;
    std::string reached_qa = "0", first_pass = "0", fpy, median_repair;
};

constexpr std::size_t k_repair_part = static_cast<std::size_t>(Stage::Repair) + 1;

}  // namespace

Result<ReportTable> people(StationStore& store, const ReportScope& scope) {
    ReportScope by_person = scope;
    by_person.by = ReportGroup::Technician;
    std::map<std::string, Person> persons;

    auto options = turnaround_facts(store, by_person);
    auto cases = load_case_facts(store, options);
    if (!cases) return std::unexpected(cases.error());
    for (const auto& facts : *cases)
        if (facts.closed_ms && in_period(scope, *facts.closed_ms))
            ++persons[facts.technician].closed;
    for (const auto& repeat : find_repeats(*cases, scope))
        ++persons[repeat.first->technician].repeats;

    auto fpy = first_pass_yield(store, by_person);
    if (!fpy) return std::unexpected(fpy.error());
    for (const auto& row : fpy->rows) {
        auto& person = persons[row[0]];
        person.reached_qa = row[1];
        person.first_pass = row[2];
        person.fpy = row[3];
    }

    for (const auto& [technician, parts] : turnaround_by_group(*cases, by_person)) {
        if (parts[k_repair_part].empty()) continue;
        std::vector<std::int64_t> working;
        for (const auto& duration : parts[k_repair_part])
            working.push_back(duration.working_ms);
        std::sort(working.begin(), working.end());
        persons[technician].median_repair = hours_text(percentile(working, 50));
    }

    auto names = operator_names(store);
    if (!names) return std::unexpected(names.error());

    ReportTable table{"people",
                      {"technician", "name", "cases_closed", "reached_qa", "first_pass", "fpy",
                       "median_repair_work_h", "repeats"},
                      {}};
    for (const auto& [technician, person] : persons)
        table.rows.push_back({technician, (*names)[technician], std::to_string(person.closed),
                              person.reached_qa, person.first_pass, person.fpy,
                              person.median_repair, std::to_string(person.repeats)});
    return table;
}

}  // namespace rs::station
