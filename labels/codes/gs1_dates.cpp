// GS1 dates (YYMMDD): century, calendar check, ISO form; DD=00 means the end of the month.
#include "labels/codes/gs1_dates.h"

#include <chrono>

#include <fmt/core.h>

#include "labels/codes/check_digits.h"

namespace rs::labels {

namespace {

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap(year)) return 29;
    return kDays[month - 1];
}

int two_digits(std::string_view s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

}  // namespace

int gs1_full_year(int yy, int reference_year) {
    int current_yy = reference_year % 100;
    int century = reference_year - current_yy;
    int diff = yy - current_yy;
    // GS1 GenSpecs 7.12: a difference of 51..99 means the previous century, -99..-50 the next.
    if (diff >= 51) return century - 100 + yy;
    if (diff <= -50) return century + 100 + yy;
    return century + yy;
}

Gs1Date check_gs1_date(std::string_view yymmdd, bool day_zero_allowed, int reference_year) {
    Gs1Date out;
    if (yymmdd.size() != 6 || !all_digits(yymmdd)) {
        out.error = "date must be 6 digits YYMMDD";
        return out;
    }
    int year = gs1_full_year(two_digits(yymmdd.substr(0, 2)), reference_year);
    int month = two_digits(yymmdd.substr(2, 2));
    int day = two_digits(yymmdd.substr(4, 2));
    if (month < 1 || month > 12) {
        out.error = fmt::format("month {:02} is not 01-12", month);
        return out;
    }
    int last = days_in_month(year, month);
    if (day == 0) {
        if (!day_zero_allowed) {
            out.error = "day 00 is not allowed in this AI";
            return out;
        }
        day = last;
    } else if (day > last) {
        out.error = fmt::format("day {:02} does not exist in {:04}-{:02}", day, year, month);
        return out;
    }
    out.ok = true;
    out.iso = fmt::format("{:04}-{:02}-{:02}", year, month, day);
    return out;
}

int reference_year_of(std::int64_t time_ms) {
    using namespace std::chrono;
    sys_time<milliseconds> t = time_ms > 0 ? sys_time<milliseconds>(milliseconds(time_ms))
                                           : time_point_cast<milliseconds>(system_clock::now());
    year_month_day ymd{floor<days>(t)};
    return static_cast<int>(ymd.year());
}

}  // namespace rs::labels
