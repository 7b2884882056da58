// GS1 dates (YYMMDD): century, calendar check, ISO form; DD=00 means the end of the month.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rs::labels {

struct Gs1Date {
    bool ok = false;
    std::string iso;    // "2025-06-30" when ok
    std::string error;  // "month 13 is not 01-12" when not ok
};

// Full year for a two-digit year, per GS1 General Specifications section 7.12 (determination
// of century in dates): within 49 years ahead or 50 years back of `reference_year`.
int gs1_full_year(int yy, int reference_year);

// Checks a six-digit YYMMDD. With `day_zero_allowed` (AIs 11-17, GS1 "yymmd0"), DD=00 stands
// for the last day of the month and `iso` gives that day.
Gs1Date check_gs1_date(std::string_view yymmdd, bool day_zero_allowed, int reference_year);

// The UTC calendar year of `time_ms`; the current year when `time_ms` is 0 or less.
int reference_year_of(std::int64_t time_ms);

}  // namespace rs::labels
