// Tests of UUIDv7: format, embedded time, strict ordering within a millisecond.
#include <catch2/catch.hpp>

#include <set>

#include "common/uuid.h"

using namespace rs;

TEST_CASE("UUIDv7 strings have version 7, the RFC variant and the clock's time") {
    ManualClock clock(1'763'900'000'123);
    UuidGenerator ids(clock, 42);
    std::string id = ids.next();
    CHECK(is_uuid_v7(id));
    CHECK(id[14] == '7');
    CHECK(uuid_v7_time_ms(id) == 1'763'900'000'123);
}

TEST_CASE("ids made in the same millisecond still sort in creation order") {
    ManualClock clock(1'000);
    UuidGenerator ids(clock, 7);
    std::vector<std::string> made;
    for (int i = 0; i < 10'000; ++i)
        made.push_back(ids.next());  // more than the 12-bit counter
    CHECK(std::is_sorted(made.begin(), made.end()));
    CHECK(std::set<std::string>(made.begin(), made.end()).size() == made.size());
    clock.set(500);  // the clock stepping back must not break ordering either
    std::string after = ids.next();
    CHECK(after > made.back());
}

TEST_CASE("non-UUIDv7 strings are told apart") {
    CHECK_FALSE(is_uuid_v7("not-a-uuid"));
    CHECK_FALSE(is_uuid_v7("0189f7c2-5a1e-4e2b-8c3d-123456789abc"));  // version 4
    CHECK(uuid_v7_time_ms("garbage") == -1);
}
