// Tests of the retry backoff and of reading Retry-After.
#include <catch2/catch.hpp>

#include "station/sync/backoff.h"
#include "station/sync/platform_client.h"

using namespace rs::station;
using std::chrono::milliseconds;

TEST_CASE("backoff doubles up to its cap, with jitter over the upper half") {
    Backoff backoff(milliseconds(100), milliseconds(1000), 42);
    const std::int64_t ceilings[] = {100, 200, 400, 800, 1000, 1000, 1000};
    for (std::int64_t ceiling : ceilings) {
        auto delay = backoff.next_delay().count();
        INFO("failure " << backoff.failures() << " delay " << delay);
        CHECK(delay >= ceiling / 2);
        CHECK(delay <= ceiling);
    }
    backoff.reset();
    CHECK(backoff.failures() == 0);
    CHECK(backoff.next_delay().count() <= 100);
}

TEST_CASE("backoff jitter differs between stations") {
    Backoff one(milliseconds(1000), milliseconds(60000), 1);
    Backoff two(milliseconds(1000), milliseconds(60000), 2);
    bool differ = false;
    for (int i = 0; i < 5; ++i)
        differ = differ || one.next_delay() != two.next_delay();
    CHECK(differ);
}

TEST_CASE("a Retry-After is a floor for the backoff") {
    Backoff backoff(milliseconds(100), milliseconds(1000), 7);
    CHECK(backoff.next_delay(milliseconds(5000)) == milliseconds(5000));
    CHECK(backoff.next_delay(milliseconds(1)).count() >= 100);
}

// Found by probing: both were obeyed as they came, a pull waiting for decades.
TEST_CASE("a Retry-After of years is capped at an hour, or at the backoff's cap if longer") {
    Backoff backoff(milliseconds(100), milliseconds(1000), 7);
    auto huge = parse_retry_after("999999999", 0);
    REQUIRE(huge);
    CHECK(backoff.next_delay(huge) == Backoff::k_longest_retry_after);
    auto year_9999 = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", 0);
    REQUIRE(year_9999);
    CHECK(backoff.next_delay(year_9999) == Backoff::k_longest_retry_after);
    Backoff patient(milliseconds(100), milliseconds(7200 * 1000), 7);
    CHECK(patient.next_delay(huge) == milliseconds(7200 * 1000));
}

TEST_CASE("Retry-After is read as seconds or as an HTTP date") {
    CHECK(parse_retry_after("3", 0) == milliseconds(3000));
    CHECK(parse_retry_after("0", 0) == milliseconds(0));
    // RFC 9110 section 5.6.7 example date; 1994-11-06T08:49:37Z is 784111777 s after the epoch.
    auto at = parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777000LL - 2500);
    REQUIRE(at);
    CHECK(*at == milliseconds(2500));
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777000LL + 10) ==
          milliseconds(0));
    CHECK_FALSE(parse_retry_after("soon", 0));
    CHECK_FALSE(parse_retry_after("", 0));
}
