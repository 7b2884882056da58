// Tests of the outbox's sync side: send order, held orders behind rejections, delivered events.
#include <catch2/catch.hpp>

#include "station/orders/intake.h"
#include "station/orders/workflow.h"
#include "station/store/journal.h"
#include "station/sync/outbox.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {
// Two received orders (A, B) and A inspected: events A.received, B.received, A.inspected.
struct OutboxFixture : test::StationFixture {
    std::string order_a, order_b;
    std::vector<OutboxRow> rows;
    OutboxFixture() {
        import({test::rma_json(1, "1Z999AA10123456784"), test::rma_json(2, "EA123456785CN")});
        auto session = IntakeSession::start(*store, warehouse);
        REQUIRE(session);
        order_a = session->scan(Scan{"t", "1Z999AA10123456784", "", 0}).value().order_numbers.at(0);
        order_b = session->scan(Scan{"t", "EA123456785CN", "", 0}).value().order_numbers.at(0);
        // A supervisor: the case is the warehouse's (rule O1), and a handover would add an event.
        REQUIRE(move_order(*store, {order_a, OrderState::Inspected, supervisor, ""}));
        rows = sendable_events(*store, 10).value();
        REQUIRE(rows.size() == 3);
    }
    EventOutcome outcome(std::size_t i, EventStatus status) {
        return {rows.at(i).event_id, status, status == EventStatus::Rejected ? "unknown_rma" : "",
                status == EventStatus::Rejected ? "RMA plat-1 is not ours" : ""};
    }
};
}  // namespace

TEST_CASE_METHOD(OutboxFixture, "events go out in the order they were written") {
    CHECK(rows[0].type == "repair_order.received");
    CHECK(rows[1].type == "repair_order.received");
    CHECK(rows[2].type == "repair_order.inspected");
    CHECK(rows[0].seq < rows[1].seq);
    CHECK(rows[1].seq < rows[2].seq);
    CHECK(rows[0].aggregate_id == rows[2].aggregate_id);
    auto after = sendable_events(*store, 10, rows[0].seq);
    REQUIRE(after);
    CHECK(after->size() == 2);
    auto peek = peek_sendable(*store, 2);
    REQUIRE(peek);
    CHECK(peek->sendable == 2);  // counted up to the limit
    CHECK(peek->oldest_ms == rows[0].time_ms);
}

TEST_CASE_METHOD(OutboxFixture,
                 "delivered events leave the outbox, a rejected one holds its order") {
    // A.received rejected, B.received accepted, A.inspected not answered.
    auto tally = record_outcomes(
        *store, rows, {outcome(0, EventStatus::Rejected), outcome(1, EventStatus::Accepted)});
    REQUIRE(tally);
    CHECK(tally->accepted == 1);
    CHECK(tally->unanswered == 1);
    REQUIRE(tally->rejected.size() == 1);
    CHECK(tally->rejected[0].order_number == order_a);
    CHECK(tally->rejected[0].reason == "RMA plat-1 is not ours");
    CHECK(count("outbox") == 2);  // A's two events stay
    CHECK(count("sync_rejections") == 1);
    // A's later event waits behind the rejected one: nothing is sendable.
    CHECK(sendable_events(*store, 10)->empty());
    CHECK(peek_sendable(*store, 10)->sendable == 0);

    // A new order's events are not held by A's rejection.
    import({test::rma_json(3, "SF1402398761234")});
    auto session = IntakeSession::start(*store, warehouse);
    REQUIRE(session->scan(Scan{"t", "SF1402398761234", "", 0}));
    CHECK(sendable_events(*store, 10)->size() == 1);
}

TEST_CASE_METHOD(OutboxFixture, "retry releases rejections by order, by event, or all") {
    REQUIRE(record_outcomes(*store, rows,
                            {outcome(0, EventStatus::Rejected), outcome(1, EventStatus::Duplicate),
                             outcome(2, EventStatus::Rejected)}));
    CHECK(count("sync_rejections") == 2);
    CHECK(release_rejections(*store, "RO-999999X").value() == 0);
    CHECK(release_rejections(*store, rows[2].event_id).value() == 1);
    CHECK(sendable_events(*store, 10)->empty());  // A.received still holds A
    CHECK(release_rejections(*store, order_a).value() == 1);
    auto again = sendable_events(*store, 10);
    REQUIRE(again->size() == 2);
    CHECK((*again)[0].event_id == rows[0].event_id);  // still in their order
    CHECK((*again)[1].event_id == rows[2].event_id);
}

TEST_CASE_METHOD(OutboxFixture, "delivering the same answer twice changes nothing more") {
    std::vector<EventOutcome> all = {outcome(0, EventStatus::Accepted),
                                     outcome(1, EventStatus::Accepted),
                                     outcome(2, EventStatus::Duplicate)};
    REQUIRE(record_outcomes(*store, rows, all));
    CHECK(count("outbox") == 0);
    REQUIRE(record_outcomes(*store, rows, all));
    CHECK(count("outbox") == 0);
}

TEST_CASE_METHOD(OutboxFixture, "an emptied outbox never hands out a sequence number again") {
    std::int64_t highest = rows.back().seq;
    REQUIRE(store->db().exec("DELETE FROM outbox"));
    Journal journal(store->db(), store->clock(), store->ids());
    REQUIRE(journal.publish({"repair_order.received", "order-z", {}}));
    auto next = sendable_events(*store, 10);
    REQUIRE(next->size() == 1);
    CHECK((*next)[0].seq > highest);
}
