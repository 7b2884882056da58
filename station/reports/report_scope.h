// What a report counts: the period (a case counts in the period of the event the report is
// about: its first QA, its latest diagnosis) and how its cases are grouped. The grouping keys
// are SQL over the aliases every report query uses: o (repair_orders) and r (rmas).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "common/enum_names.h"
#include "station/policy/policy.h"

namespace rs::station {

enum class ReportGroup { All, Model, Category, Route, Technician, Week };

constexpr auto enum_names(ReportGroup) {
    using enum ReportGroup;
    return std::to_array<EnumName<ReportGroup>>({{All, "all"},
                                                 {Model, "model"},
                                                 {Category, "category"},
                                                 {Route, "route"},
                                                 {Technician, "technician"},
                                                 {Week, "week"}});
}

struct ReportScope {
    std::int64_t from_ms = 0;                                       // inclusive, UTC ms
    std::int64_t to_ms = std::numeric_limits<std::int64_t>::max();  // exclusive
    ReportGroup by = ReportGroup::All;
    // The policy in force: its calendar counts working hours and days, its rules the deadlines.
    // Null when none was loaded: the reports then count a policy's defaults.
    const Policy* policy = nullptr;
    int repeat_days = 90;  // a device back within this many days of shipping is a repeat repair
};

// The SQL of a case's group. `when_ms` is the SQL of the time the report dates a case by (for
// weeks). Model: the RMA's product; category and route: the order's route decision in force
// (the latest); technician: the order's owner; week: weeks since Monday 1970-01-05 (UTC).
std::string group_sql(ReportGroup by, const std::string& when_ms);
// A group as people read it: a week's number becomes the date of its Monday ("2026-11-30").
std::string group_label(ReportGroup by, const std::string& value);
// The Monday (UTC) of the week a time falls in, as group_label prints it: for reports that
// group in C++.
std::string week_label(std::int64_t when_ms);

}  // namespace rs::station
