// The customer's satisfaction rating from the reference platform to the station's store: the
// platform takes a rating only for a closed RMA and serves it with the RMA; the station's pull
// stores it, and refuses a bad one alone, keeping the rest of the RMA and the earlier rating.
#include <catch2/catch.hpp>

#include "station/rma/rma_store.h"
#include "station/rma/satisfaction.h"
#include "station/sync/rma_pull.h"
#include "tests/support/station_fixture.h"
#include "tools/platform/platform_store.h"

using namespace rs;
using namespace rs::station;
using nlohmann::json;

namespace {

RmaPageReply page_of(std::vector<json> rmas, const std::string& cursor) {
    return RmaPageReply{std::move(rmas), cursor, false};
}

std::optional<Satisfaction> rating_of(StationStore& store, const std::string& rma_id) {
    auto stored = stored_satisfaction(store, rma_id);
    REQUIRE(stored);
    return *stored;
}

}  // namespace

TEST_CASE_METHOD(test::StationFixture,
                 "the platform rates a closed RMA only and the station's pull stores the rating") {
    auto platform = platform::PlatformStore::open(dir.file("platform.db"), clock);
    REQUIRE(platform);
    auto& held = **platform;
    json rma = test::rma_json(1, "1Z999AA10123456784");
    REQUIRE(held.upsert_rmas({rma}));

    auto open = held.rate_rma("plat-1", 4, "fast");
    REQUIRE_FALSE(open);
    CHECK(open.error().code == ErrorCode::Conflict);
    CHECK_THAT(open.error().message, Catch::Contains("not closed"));
    CHECK(held.rate_rma("plat-9", 4, "").error().code == ErrorCode::Conflict);

    rma["status"] = "closed";
    REQUIRE(held.upsert_rmas({rma}));
    for (std::int64_t bad : {0, 6, -1}) {
        auto refused = held.rate_rma("plat-1", bad, "");
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::Invalid);
        CHECK_THAT(refused.error().message, Catch::Contains("1..5"));
    }
    clock.advance(60'000);
    REQUIRE(held.rate_rma("plat-1", 4, "快, 谢谢"));

    auto served = held.rmas_since(0, 10);
    REQUIRE(served);
    REQUIRE(served->rmas.size() == 1);
    CHECK(served->rmas[0]["satisfaction"] ==
          json{{"rating", 4}, {"comment", "快, 谢谢"}, {"rated_ms", clock.now_ms()}});

    auto tally = apply_rma_page(*store, page_of(served->rmas, "1"));
    REQUIRE(tally);
    CHECK(tally->rated == 1);
    CHECK(tally->ratings_refused.empty());
    CHECK(rating_of(*store, "plat-1") == Satisfaction{4, "快, 谢谢", clock.now_ms()});

    // Rated again: the newer rating replaces the first, and the station follows.
    clock.advance(60'000);
    REQUIRE(held.rate_rma("plat-1", 2, ""));
    auto again = held.rmas_since(served->next_cursor, 10);
    REQUIRE(again);
    REQUIRE(apply_rma_page(*store, page_of(again->rmas, "2")));
    CHECK(rating_of(*store, "plat-1") == Satisfaction{2, "", clock.now_ms()});
}

TEST_CASE_METHOD(test::StationFixture,
                 "a bad rating is refused with the reason; its RMA and the earlier rating stay") {
    json rma = test::rma_json(1, "1Z999AA10123456784");
    rma["status"] = "closed";
    rma["satisfaction"] = {{"rating", 5}, {"comment", "great"}, {"rated_ms", 1'764'000'000'000}};
    REQUIRE(apply_rma_page(*store, page_of({rma}, "1")));
    Satisfaction first{5, "great", 1'764'000'000'000};
    CHECK(rating_of(*store, "plat-1") == first);

    struct Bad {
        json satisfaction;
        const char* says;
    };
    std::vector<Bad> bad = {
        {{{"rating", 0}, {"rated_ms", 1'764'000'000'001}}, "\"rating\" is 0"},
        {{{"rating", 6}, {"rated_ms", 1'764'000'000'001}}, "\"rating\" is 6"},
        {{{"rating", "5"}, {"rated_ms", 1'764'000'000'001}}, "\"rating\" is \"5\""},
        {{{"rating", 4.5}, {"rated_ms", 1'764'000'000'001}}, "whole number 1..5"},
        {{{"rating", 4294967300LL}, {"rated_ms", 1'764'000'000'001}}, "whole number 1..5"},
        {{{"rating", 3}, {"comment", 7}, {"rated_ms", 1'764'000'000'001}}, "\"comment\""},
        {{{"rating", 3}}, "\"rated_ms\""},
        {"five", "must be an object"},
    };
    int n = 0;
    for (const auto& [satisfaction, says] : bad) {
        INFO(satisfaction.dump());
        json changed = rma;
        changed["satisfaction"] = satisfaction;
        changed["fault"] = "fault seen in round " + std::to_string(++n);
        auto tally = apply_rma_page(*store, page_of({changed}, std::to_string(n + 1)));
        REQUIRE(tally);
        CHECK(tally->refused == 0);
        CHECK(tally->updated == 1);  // the rest of the RMA is stored
        REQUIRE(tally->ratings_refused.size() == 1);
        CHECK_THAT(tally->ratings_refused[0], Catch::Contains(test::rma_number(1)));
        CHECK_THAT(tally->ratings_refused[0], Catch::Contains(says));
        CHECK(find_rma(*store, "plat-1").value()->fault == changed["fault"]);
        CHECK(rating_of(*store, "plat-1") == first);
    }
    auto audited = store->db().query_one<std::int64_t>(
        "SELECT count(*) FROM audit_log WHERE action = 'rma.rating_refused'");
    CHECK(audited->value_or(0) == static_cast<std::int64_t>(bad.size()));

    // A good rating after the bad ones is stored.
    rma["satisfaction"] = {{"rating", 1}, {"rated_ms", 1'764'000'000'002}};
    REQUIRE(apply_rma_page(*store, page_of({rma}, "99")));
    CHECK(rating_of(*store, "plat-1") == Satisfaction{1, "", 1'764'000'000'002});
}
