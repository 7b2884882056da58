// Tests of UTC time formatting and parsing.
#include <catch2/catch.hpp>

#include "common/clock.h"

using namespace rs;

TEST_CASE("UTC times format and parse back") {
    std::int64_t ms = parse_utc("2026-11-23T14:05:09.123Z");
    REQUIRE(ms > 0);
    CHECK(format_utc_ms(ms) == "2026-11-23T14:05:09.123Z");
    CHECK(format_utc_date(ms) == "2026-11-23");
    CHECK(parse_utc("2026-11-23") == parse_utc("2026-11-23T00:00:00Z"));
    CHECK(parse_utc("1970-01-01T00:00:01Z") == 1000);
}

TEST_CASE("invalid dates are refused") {
    CHECK(parse_utc("2026-02-30") == -1);
    CHECK(parse_utc("2026-13-01") == -1);
    CHECK(parse_utc("yesterday") == -1);
    CHECK(parse_utc("2026-11-23T25:00:00Z") == -1);
    CHECK(parse_utc("2026-11-23T10:00:00") == -1);  // no zone: ambiguous, refused
}

TEST_CASE("the manual clock moves only when told") {
    ManualClock clock(100);
    CHECK(clock.now_ms() == 100);
    clock.advance(50);
    CHECK(clock.now_ms() == 150);
}
