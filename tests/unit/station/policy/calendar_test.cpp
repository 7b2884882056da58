// Tests of calendar days and working-day counting across weekends, holidays and worked weekends.
#include <catch2/catch.hpp>

#include "station/policy/calendar.h"

using namespace rs::station;

namespace {
Day d(const char* text) {
    return parse_day(text).value();
}
}  // namespace

TEST_CASE("calendar days read, print and count months like a person does") {
    CHECK(day_text(d("2026-11-20")) == "2026-11-20");
    CHECK(d("2026-11-25") - d("2026-11-20") == 5);
    CHECK(d("1970-01-01") == 0);
    CHECK(day_text(d("1969-12-31")) == "1969-12-31");
    CHECK_FALSE(parse_day("2026-02-29"));
    CHECK(parse_day("2028-02-29"));
    CHECK_FALSE(parse_day("2026-13-01"));
    CHECK_FALSE(parse_day("2026-1-01"));
    CHECK_FALSE(parse_day("2026-11-20x"));
    CHECK(day_text(add_months(d("2026-01-31"), 1)) == "2026-02-28");
    CHECK(day_text(add_months(d("2025-12-24"), 24)) == "2027-12-24");
    CHECK(day_text(add_months(d("2026-11-30"), 3)) == "2027-02-28");
    CHECK(weekday(d("2026-11-30")) == 0);  // a Monday
    CHECK(weekday(d("2026-11-29")) == 6);  // a Sunday
}

TEST_CASE("working days skip weekends and holidays and count worked weekend days") {
    WorkingCalendar calendar;
    calendar.holidays = {d("2027-01-01")};
    calendar.working_weekend_days = {d("2027-01-09")};

    struct Row {
        const char* from;
        int count;
        const char* expected;
    };
    const Row rows[] = {
        {"2026-11-23", 3, "2026-11-26"},  // Monday + 3: Thursday
        {"2026-11-26", 3, "2026-12-01"},  // Thursday + 3 crosses the weekend: Tuesday
        {"2026-11-28", 1, "2026-11-30"},  // received on a Saturday: Monday is the first
        {"2026-12-30", 3, "2027-01-05"},  // Wed + 3 over New Year's Day and a weekend
        {"2027-01-07", 2, "2027-01-09"},  // Thursday + 2: the worked Saturday counts
        {"2027-01-08", 1, "2027-01-09"},
    };
    for (const auto& row : rows) {
        INFO(row.from << " + " << row.count);
        CHECK(day_text(calendar.add_working_days(d(row.from), row.count)) == row.expected);
        CHECK(calendar.working_days_between(d(row.from), d(row.expected)) == row.count);
    }
    CHECK(calendar.working_days_between(d("2026-11-27"), d("2026-11-27")) == 0);
    CHECK(calendar.working_days_between(d("2026-11-27"), d("2026-11-20")) == 0);
}

TEST_CASE("the local day of a UTC time follows the center's offset") {
    WorkingCalendar calendar;
    calendar.utc_offset_minutes = 480;
    // 2026-11-20 20:00 UTC is already 2026-11-21 in Beijing.
    CHECK(day_text(calendar.local_day(1'795'204'800'000)) == "2026-11-21");
    calendar.utc_offset_minutes = 0;
    CHECK(day_text(calendar.local_day(1'795'204'800'000)) == "2026-11-20");
}

TEST_CASE("working time counts only the working hours of working days, in local time") {
    WorkingCalendar calendar;  // Monday to Friday, 09:00-18:00
    calendar.utc_offset_minutes = 480;
    calendar.holidays = {d("2026-12-01")};
    constexpr std::int64_t k_hour = 3'600'000;
    // Local midnight of a day, as UTC ms.
    auto midnight = [&](const char* day) { return d(day) * 24 * k_hour - 8 * k_hour; };

    // Monday 08:00 to 10:30 local: the day starts at 09:00.
    CHECK(calendar.working_ms_between(midnight("2026-11-30") + 8 * k_hour,
                                      midnight("2026-11-30") + 10 * k_hour + k_hour / 2) ==
          3 * k_hour / 2);
    // Friday 17:00 to Monday 10:00: one hour on Friday, one on Monday.
    CHECK(calendar.working_ms_between(midnight("2026-11-27") + 17 * k_hour,
                                      midnight("2026-11-30") + 10 * k_hour) == 2 * k_hour);
    // Monday 12:00 to Wednesday 12:00 over a Tuesday holiday: 6 + 0 + 3 hours.
    CHECK(calendar.working_ms_between(midnight("2026-11-30") + 12 * k_hour,
                                      midnight("2026-12-02") + 12 * k_hour) == 9 * k_hour);
    // A Saturday, and a backwards span, are no working time.
    CHECK(calendar.working_ms_between(midnight("2026-11-28"), midnight("2026-11-29")) == 0);
    CHECK(calendar.working_ms_between(midnight("2026-11-30") + 12 * k_hour,
                                      midnight("2026-11-30") + 10 * k_hour) == 0);
    // Other hours.
    calendar.day_start_minutes = 8 * 60 + 30;
    calendar.day_end_minutes = 12 * 60;
    CHECK(calendar.working_ms_between(midnight("2026-11-30"), midnight("2026-12-01")) ==
          7 * k_hour / 2);
}
