// Civil-date arithmetic (Howard Hinnant's algorithms) and working-day counting.
#include "station/policy/calendar.h"

#include <fmt/format.h>

#include <cstdio>

namespace rs::station {

Day day_from_civil(int year, int month, int mday) {
    year -= month <= 2;
    const Day era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(month + (month > 2 ? -3 : 9)) + 2) / 5 +
                         static_cast<unsigned>(mday) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<Day>(doe) - 719468;
}

void civil_from_day(Day day, int& year, int& month, int& mday) {
    day += 719468;
    const Day era = (day >= 0 ? day : day - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(day - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    mday = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    year = static_cast<int>(static_cast<Day>(yoe) + era * 400 + (month <= 2));
}

namespace {
int days_in_month(int year, int month) {
    static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : k_days[month - 1];
}
}  // namespace

std::optional<Day> parse_day(const std::string& text) {
    int year = 0, month = 0, mday = 0, used = 0;
    if (text.size() != 10 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &mday, &used) != 3 ||
        used != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    if (month < 1 || month > 12 || mday < 1 || mday > days_in_month(year, month))
        return std::nullopt;
    return day_from_civil(year, month, mday);
}

std::string day_text(Day day) {
    int year = 0, month = 0, mday = 0;
    civil_from_day(day, year, month, mday);
    return fmt::format("{:04}-{:02}-{:02}", year, month, mday);
}

Day add_months(Day day, int months) {
    int year = 0, month = 0, mday = 0;
    civil_from_day(day, year, month, mday);
    int index = year * 12 + (month - 1) + months;
    year = index / 12;
    month = index % 12 + 1;
    return day_from_civil(year, month, std::min(mday, days_in_month(year, month)));
}

int weekday(Day day) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

Day WorkingCalendar::local_day(std::int64_t utc_ms) const {
    std::int64_t local = utc_ms + std::int64_t{utc_offset_minutes} * 60'000;
    std::int64_t day = local / 86'400'000;
    if (local % 86'400'000 < 0) --day;  // floor, for times before 1970
    return day;
}

bool WorkingCalendar::is_working_day(Day day) const {
    if (working_weekend_days.contains(day)) return true;
    if (holidays.contains(day)) return false;
    return !weekend.contains(weekday(day));
}

Day WorkingCalendar::add_working_days(Day day, int count) const {
    // A calendar with no working day at all is refused when the policy is read, so this ends.
    while (count > 0) {
        ++day;
        if (is_working_day(day)) --count;
    }
    return day;
}

int WorkingCalendar::working_days_between(Day from, Day to) const {
    int count = 0;
    for (Day day = from + 1; day <= to; ++day)
        if (is_working_day(day)) ++count;
    return count;
}

std::int64_t WorkingCalendar::working_ms_between(std::int64_t from_utc_ms,
                                                 std::int64_t to_utc_ms) const {
    constexpr std::int64_t k_day_ms = 86'400'000;
    const std::int64_t offset_ms = std::int64_t{utc_offset_minutes} * 60'000;
    std::int64_t total = 0;
    for (Day day = local_day(from_utc_ms); day <= local_day(to_utc_ms); ++day) {
        if (!is_working_day(day)) continue;
        std::int64_t opens = day * k_day_ms + std::int64_t{day_start_minutes} * 60'000 - offset_ms;
        std::int64_t closes = day * k_day_ms + std::int64_t{day_end_minutes} * 60'000 - offset_ms;
        total +=
            std::max<std::int64_t>(0, std::min(closes, to_utc_ms) - std::max(opens, from_utc_ms));
    }
    return total;
}

}  // namespace rs::station
