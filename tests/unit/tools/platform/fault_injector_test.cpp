// Tests of the platform's fault injection: rates, repeatability, broken bodies.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "tools/platform/fault_injector.h"

using namespace rs::platform;

TEST_CASE("no rates, no faults; a rate of one, always that fault") {
    FaultInjector none(FaultOptions{});
    for (int i = 0; i < 100; ++i)
        CHECK(none.next() == Fault::None);
    FaultInjector always(FaultOptions{.drop_after_commit_rate = 1.0});
    for (int i = 0; i < 100; ++i)
        CHECK(always.next() == Fault::DropAfterCommit);
    CHECK(always.counts()["drop_after_commit"] == 100);
}

TEST_CASE("rates are roughly kept and a seed repeats the same faults") {
    FaultOptions options{.error_rate = 0.2, .throttle_rate = 0.1, .malformed_rate = 0.1, .seed = 9};
    FaultInjector one(options), two(options);
    int errors = 0;
    for (int i = 0; i < 2000; ++i) {
        Fault fault = one.next();
        CHECK(fault == two.next());
        errors += fault == Fault::Error;
    }
    CHECK(errors > 300);
    CHECK(errors < 500);
}

TEST_CASE("malformed bodies take turns and none is a valid answer") {
    FaultInjector faults(FaultOptions{.malformed_rate = 1});
    std::string good = R"({"results": [{"id": "x", "status": "accepted"}]})";
    std::set<std::string> seen;
    for (int i = 0; i < 4; ++i) {
        std::string body = faults.malformed_body("/v1/events", good);
        seen.insert(body);
        CHECK(body != good);
    }
    CHECK(seen.size() == 4);
    // Another route has its own turns: it starts with the first kind again.
    CHECK(faults.malformed_body("/v1/rmas", good) == faults.malformed_body("/v1/x", good));
}
