// Calendar days and the working-day calendar the policy's deadlines are counted in.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace rs::station {

// A calendar day as a count of days since 1970-01-01 (negative before): plain integers so
// "day 5 of 7" and "3 working days later" are arithmetic, not time-zone guesswork.
using Day = std::int64_t;

Day day_from_civil(int year, int month, int day);
void civil_from_day(Day day, int& year, int& month, int& mday);
// "2026-11-20", or nullopt for anything else (also 2026-02-30).
std::optional<Day> parse_day(const std::string& text);
std::string day_text(Day day);
// The day `months` calendar months after `day`, the day of month clamped to the month's end
// (2026-01-31 + 1 month = 2026-02-28).
Day add_months(Day day, int months);
// 0 = Monday ... 6 = Sunday.
int weekday(Day day);

// Weekends, public holidays and the weekend days that are worked instead (China moves working
// days around its holidays), and the offset of the center's local time from UTC.
struct WorkingCalendar {
    std::set<int> weekend{5, 6};
    std::set<Day> holidays;
    std::set<Day> working_weekend_days;
    int utc_offset_minutes = 0;
    // The working hours of a working day, local time, in minutes after midnight: [start, end).
    int day_start_minutes = 9 * 60;
    int day_end_minutes = 18 * 60;

    // The local calendar day of a UTC time.
    Day local_day(std::int64_t utc_ms) const;
    bool is_working_day(Day day) const;
    // The `count`-th working day after `day` (the day itself does not count).
    Day add_working_days(Day day, int count) const;
    // Working days after `from` up to and including `to` (0 when `to` <= `from`).
    int working_days_between(Day from, Day to) const;
    // The working time between two UTC times: the part of [from, to) that falls in the working
    // hours of working days (0 when `to` <= `from`).
    std::int64_t working_ms_between(std::int64_t from_utc_ms, std::int64_t to_utc_ms) const;
};

}  // namespace rs::station
