// Tests of the reference platform's store: each event once, ordered, RMAs behind a cursor.
#include <catch2/catch.hpp>

#include "tests/unit/tools/platform/platform_fixture.h"

using namespace rs;
using rs::test::event_id;
using rs::test::inspected_event;

TEST_CASE_METHOD(test::PlatformStoreFixture, "an event is stored once however often it is sent") {
    auto first = record({inspected_event(1, "a", 1), inspected_event(2, "b", 2)});
    CHECK(first[0].status == "accepted");
    CHECK(first[1].status == "accepted");
    auto again = record({inspected_event(1, "a", 1), inspected_event(3, "a", 3)});
    CHECK(again[0].status == "duplicate");
    CHECK(again[1].status == "accepted");
    auto stats = store->stats();
    REQUIRE(stats);
    CHECK(stats->events == 3);
    CHECK(stats->deliveries == 4);
    auto deliveries = store->deliveries().value();
    CHECK(deliveries[0] == std::pair{event_id(1), std::int64_t{2}});
}

TEST_CASE_METHOD(test::PlatformStoreFixture, "events about RMAs of another center are rejected") {
    auto event = inspected_event(1, "a", 1);
    event["payload"]["rma_id"] = "someone-elses";
    auto results = record({event});
    CHECK(results[0].status == "rejected");
    CHECK(results[0].code == "unknown_rma");
    CHECK(store->stats()->events == 0);
    CHECK(store->stats()->rejections == 1);
}

TEST_CASE_METHOD(test::PlatformStoreFixture,
                 "after a rejection the order's later events in the batch are refused too") {
    auto bad = inspected_event(1, "a", 1);
    bad["payload"].erase("note");
    auto results = record({bad, inspected_event(2, "b", 2), inspected_event(3, "a", 3)});
    CHECK(results[0].code == "invalid_payload");
    CHECK(results[1].status == "accepted");
    CHECK(results[2].code == "earlier_event_rejected");
}

TEST_CASE_METHOD(test::PlatformStoreFixture,
                 "an event older than one already received for its order is out of order") {
    record({inspected_event(1, "a", 10)});
    auto late = record({inspected_event(2, "a", 9)});
    CHECK(late[0].code == "out_of_order");
    // The same sequence from another station is another order's business.
    auto other = record({inspected_event(3, "a", 9)}, "bench-2");
    CHECK(other[0].status == "accepted");
}

TEST_CASE_METHOD(test::PlatformStoreFixture,
                 "RMAs come in pages after a cursor, oldest change first") {
    auto first = store->rmas_since(0, 2);
    REQUIRE(first);
    CHECK(first->rmas.size() == 2);
    CHECK(first->has_more);
    CHECK(first->rmas[0]["id"] == "seed-rma-27000001");
    auto rest = store->rmas_since(first->next_cursor, 10);
    CHECK(rest->rmas.size() == 3);
    CHECK_FALSE(rest->has_more);
    auto none = store->rmas_since(rest->next_cursor, 10);
    CHECK(none->rmas.empty());
    CHECK(none->next_cursor == rest->next_cursor);

    // A cancellation moves the RMA past the cursor.
    REQUIRE(store->cancel_rma("seed-rma-27000002"));
    auto changed = store->rmas_since(rest->next_cursor, 10);
    REQUIRE(changed->rmas.size() == 1);
    CHECK(changed->rmas[0]["status"] == "cancelled");
    CHECK(store->cancel_rma("nope").error().code == ErrorCode::NotFound);

    // Seeding again keeps what the platform changed since.
    REQUIRE(store->upsert_rmas(platform::generated_rmas(5), true));
    CHECK(store->rmas_since(changed->next_cursor, 10)->rmas.empty());
}

TEST_CASE_METHOD(test::PlatformStoreFixture,
                 "a quote waits for the customer, whose decision comes back through the cursor") {
    CHECK(store->decide_quote("seed-rma-27000001", "approved").error().code == ErrorCode::Conflict);
    auto cursor = store->rmas_since(0, 100)->next_cursor;
    auto quoted = inspected_event(1, "a", 1);
    quoted["type"] = "repair_order.quoted";
    quoted["payload"]["to"] = "awaiting_approval";
    REQUIRE(record({quoted})[0].status == "accepted");
    auto pending = store->rmas_since(cursor, 100);
    REQUIRE(pending->rmas.size() == 1);
    CHECK(pending->rmas[0]["quote"]["status"] == "pending");
    CHECK(pending->rmas[0]["quote"]["event_id"] == event_id(1));
    CHECK(store->decide_quote("seed-rma-27000001", "maybe").error().code == ErrorCode::Invalid);
    REQUIRE(store->decide_quote("seed-rma-27000001", "approved"));
    auto decided = store->rmas_since(pending->next_cursor, 100);
    REQUIRE(decided->rmas.size() == 1);
    CHECK(decided->rmas[0]["quote"]["status"] == "approved");
    CHECK(decided->rmas[0]["quote"].contains("decided_at"));
    CHECK(store->decide_quote("seed-rma-27000001", "declined").error().code == ErrorCode::Conflict);
}

TEST_CASE_METHOD(test::PlatformStoreFixture, "an RMA without id, number or status is refused") {
    auto refused = store->upsert_rmas({{{"id", "x"}, {"number", "RMA-1"}}});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("\"status\""));
}

TEST_CASE_METHOD(test::PlatformStoreFixture, "photos are stored once under their digest") {
    CHECK(store->put_photo("ab", "bytes", "image/jpeg", "bench-1").value());
    CHECK_FALSE(store->put_photo("ab", "bytes", "image/jpeg", "bench-1").value());
    CHECK(store->stats()->photos == 1);
}
