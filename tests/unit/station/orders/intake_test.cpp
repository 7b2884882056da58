// Tests of intake: matching parcels to RMAs, duplicates, unknown parcels, device identity.
#include <catch2/catch.hpp>

#include "station/orders/arrivals.h"
#include "station/orders/intake.h"
#include "station/orders/repair_orders.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {
struct IntakeFixture : test::StationFixture {
    IntakeFixture() {
        import({test::rma_json(1, "1Z999AA10123456784"), test::rma_json(2, "EA123456785CN")});
    }
    IntakeSession session(const std::string& who) {
        auto started = IntakeSession::start(*store, who);
        REQUIRE(started);
        return std::move(*started);
    }
    IntakeResult scan(IntakeSession& session, const std::string& text) {
        auto result = session.scan(Scan{"test", text, "", clock.now_ms()});
        REQUIRE(result);
        clock.advance(1000);
        return *result;
    }
};
}  // namespace

TEST_CASE_METHOD(IntakeFixture, "a parcel matching an RMA creates one order owned by the scanner") {
    auto bench = session(warehouse);
    auto result = scan(bench, "1Z999AA10123456784");
    CHECK(result.outcome == IntakeOutcome::Received);
    REQUIRE(result.order_numbers.size() == 1);
    auto order = find_order_by_number(*store, result.order_numbers[0]);
    REQUIRE(order);
    REQUIRE(*order);
    CHECK((*order)->state == OrderState::Received);
    CHECK((*order)->owner_id == warehouse);
    CHECK((*order)->rma_number == test::rma_number(1));
    CHECK(count("audit_log") == 2 + 1);  // two RMA imports, one receipt
    CHECK(count("outbox") == 1);
    CHECK(count("scans") == 1);
}

TEST_CASE_METHOD(IntakeFixture, "the same parcel scanned twice never makes a second order") {
    auto bench = session(warehouse);
    auto first = scan(bench, "EA123456785CN");
    auto second = scan(bench, "EA123456785CN");
    CHECK(first.outcome == IntakeOutcome::Received);
    CHECK(second.outcome == IntakeOutcome::AlreadyReceived);
    CHECK(second.order_numbers == first.order_numbers);
    CHECK(second.message.find("already received as " + first.order_numbers[0]) !=
          std::string::npos);
    // Another bench, another person: still the same order.
    auto other_bench = session(technician);
    CHECK(scan(other_bench, "EA123456785CN").outcome == IntakeOutcome::AlreadyReceived);
    CHECK(count("repair_orders") == 1);
    CHECK(count("scans") == 3);
}

TEST_CASE_METHOD(IntakeFixture, "an RMA number scanned from the customer's slip receives it too") {
    auto bench = session(warehouse);
    auto result = scan(bench, test::rma_number(2));
    CHECK(result.outcome == IntakeOutcome::Received);
    CHECK(result.message.find("matched by RMA number") != std::string::npos);
}

TEST_CASE_METHOD(IntakeFixture, "a parcel that matches nothing is kept as one arrival") {
    auto bench = session(warehouse);
    auto first = scan(bench, "3318810025");  // a valid DHL Express number nobody announced
    auto again = scan(bench, "3318810025");
    CHECK(first.outcome == IntakeOutcome::Arrival);
    CHECK(again.outcome == IntakeOutcome::Arrival);
    CHECK(again.message.find("seen again (2 times") != std::string::npos);
    auto arrivals = list_arrivals(*store, false);
    REQUIRE(arrivals);
    REQUIRE(arrivals->size() == 1);
    CHECK(arrivals->front().times_seen == 2);
    CHECK(count("repair_orders") == 0);
}

TEST_CASE_METHOD(IntakeFixture,
                 "a damaged barcode is rejected with the reason and nothing is made") {
    auto bench = session(warehouse);
    auto result = scan(bench, "1Z999AA10123456785");  // last digit misread
    CHECK(result.outcome == IntakeOutcome::Rejected);
    CHECK(result.message.find("check digit") != std::string::npos);
    CHECK(count("repair_orders") == 0);
    CHECK(count("arrivals") == 0);
    CHECK(count("scans") == 1);  // but the scan itself is logged
}

TEST_CASE_METHOD(IntakeFixture, "the device's IMEI confirms the order or flags a mismatch") {
    auto bench = session(warehouse);
    auto received = scan(bench, "1Z999AA10123456784");
    auto confirmed = scan(bench, "490154203237518");
    CHECK(confirmed.outcome == IntakeOutcome::IdentityConfirmed);
    auto order = find_order_by_number(*store, received.order_numbers[0]);
    CHECK((*order)->identity_status == IdentityStatus::Confirmed);

    auto second = scan(bench, "EA123456785CN");
    auto mismatch = scan(bench, "353918056789015");
    CHECK(mismatch.outcome == IntakeOutcome::IdentityMismatch);
    CHECK(mismatch.message.find("expects 490154203237518") != std::string::npos);
    auto flagged = find_order_by_number(*store, second.order_numbers[0]);
    CHECK((*flagged)->identity_status == IdentityStatus::Mismatch);
    CHECK((*flagged)->device_identity == "353918056789015");
}

TEST_CASE_METHOD(IntakeFixture, "a badge scan changes who owns the next parcels") {
    auto bench = session(warehouse);
    CHECK(scan(bench, technician).outcome == IntakeOutcome::OperatorChanged);
    auto result = scan(bench, "1Z999AA10123456784");
    auto order = find_order_by_number(*store, result.order_numbers[0]);
    CHECK((*order)->owner_id == technician);
    CHECK(scan(bench, test::badge(99)).outcome == IntakeOutcome::Rejected);  // unknown badge
}

TEST_CASE_METHOD(IntakeFixture, "a parcel for an RMA cancelled on the platform makes no order") {
    auto cancelled = test::rma_json(3, "YT7512345678901");
    cancelled["status"] = "cancelled";
    import({cancelled});
    auto bench = session(warehouse);
    auto result = scan(bench, "YT7512345678901");
    CHECK(result.outcome == IntakeOutcome::Arrival);
    CHECK(result.message.find("cancelled on the platform") != std::string::npos);
    CHECK(count("repair_orders") == 0);
}

TEST_CASE_METHOD(IntakeFixture, "an unknown operator cannot start a session") {
    auto started = IntakeSession::start(*store, test::badge(42));
    REQUIRE_FALSE(started);
    CHECK(started.error().code == ErrorCode::NotFound);
}

TEST_CASE_METHOD(IntakeFixture, "repair order numbers count up and carry a check character") {
    auto bench = session(warehouse);
    auto first = scan(bench, "1Z999AA10123456784");
    auto second = scan(bench, "EA123456785CN");
    CHECK(first.order_numbers[0] == labels::make_own_id(labels::CodeKind::RepairOrder, "000001"));
    CHECK(second.order_numbers[0] == labels::make_own_id(labels::CodeKind::RepairOrder, "000002"));
    auto readings = labels::classify(first.order_numbers[0]);
    CHECK(readings.front().kind == labels::CodeKind::RepairOrder);
    CHECK(readings.front().valid);
}
