// Tests of moving orders: audit and outbox written with the change, or nothing at all.
#include <catch2/catch.hpp>

#include "tests/support/refuse_inserts.h"

#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/workflow.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {
struct WorkflowFixture : test::StationFixture {
    std::string order;
    WorkflowFixture() {
        import({test::rma_json(1, "1Z999AA10123456784")});
        auto session = IntakeSession::start(*store, warehouse);
        REQUIRE(session);
        auto received = session->scan(Scan{"test", "1Z999AA10123456784", "", 0});
        REQUIRE(received);
        order = received->order_numbers.at(0);
        // The warehouse person who received it owns it until handing it to the bench.
        REQUIRE(hand_over(*store, order, technician, warehouse, "to the repair bench"));
    }
};
}  // namespace

TEST_CASE_METHOD(WorkflowFixture, "an allowed move writes the state, an audit row and an event") {
    auto audit_before = count("audit_log");
    auto outbox_before = count("outbox");
    auto moved = move_order(*store, {order, OrderState::Inspected, technician, "looked at it"});
    REQUIRE(moved);
    CHECK(moved->state == OrderState::Inspected);
    CHECK(count("audit_log") == audit_before + 1);
    CHECK(count("outbox") == outbox_before + 1);
    auto event = store->db().prepare("SELECT type, payload FROM outbox ORDER BY seq DESC LIMIT 1");
    REQUIRE(event);
    REQUIRE(event->step().value());
    CHECK(event->text(0) == "repair_order.inspected");
    auto payload = nlohmann::json::parse(event->text(1));
    CHECK(payload["from"] == "received");
    CHECK(payload["to"] == "inspected");
    CHECK(payload["note"] == "looked at it");
}

TEST_CASE_METHOD(WorkflowFixture, "a refused move changes nothing and says why") {
    auto audit_before = count("audit_log");
    auto outbox_before = count("outbox");
    auto wrong_role = move_order(*store, {order, OrderState::Inspected, warehouse, ""});
    REQUIRE_FALSE(wrong_role);
    CHECK(wrong_role.error().message.find("a warehouse may not move") != std::string::npos);
    auto no_such_move = move_order(*store, {order, OrderState::Shipped, supervisor, ""});
    REQUIRE_FALSE(no_such_move);
    CHECK(no_such_move.error().message.find("cannot move to shipped") != std::string::npos);
    CHECK(count("audit_log") == audit_before);
    CHECK(count("outbox") == outbox_before);
    CHECK_FALSE(store->db().in_transaction());
}

TEST_CASE_METHOD(WorkflowFixture, "unknown orders and people are NotFound") {
    auto no_order = move_order(*store, {"RO-999999X", OrderState::Inspected, technician, ""});
    REQUIRE_FALSE(no_order);
    CHECK(no_order.error().code == ErrorCode::NotFound);
    auto no_person = move_order(*store, {order, OrderState::Inspected, test::badge(77), ""});
    REQUIRE_FALSE(no_person);
    CHECK(no_person.error().code == ErrorCode::NotFound);
    // The station's own name gives nobody the System role's rights (cancelling, for one).
    auto as_station = move_order(*store, {order, OrderState::Cancelled, "system", ""});
    REQUIRE_FALSE(as_station);
    CHECK(as_station.error().code == ErrorCode::NotFound);
    auto unchanged = find_order_by_number(*store, order);
    REQUIRE(unchanged);
    REQUIRE(*unchanged);
    CHECK((*unchanged)->state == OrderState::Received);
}

TEST_CASE_METHOD(WorkflowFixture, "a failure in the middle of a move rolls the whole move back") {
    // Make the outbox insert fail after the state update ran: the update must not survive.
    REQUIRE(test::refuse_inserts(store->db(), "outbox", "TRUE", "outbox refused for the test"));
    auto moved = move_order(*store, {order, OrderState::Inspected, technician, ""});
    REQUIRE_FALSE(moved);
    CHECK(moved.error().message.find("outbox refused") != std::string::npos);
    auto state = store->db().prepare("SELECT state FROM repair_orders");
    REQUIRE(state);
    REQUIRE(state->step().value());
    CHECK(state->text(0) == "received");
    auto audits = store->db().prepare("SELECT count(*) FROM audit_log WHERE action = 'transition'");
    REQUIRE(audits);
    REQUIRE(audits->step().value());
    CHECK(audits->int64(0) == 0);
}
