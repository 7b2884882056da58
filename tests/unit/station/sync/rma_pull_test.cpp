// Tests of applying RMA pages: cursor with the RMAs, refused RMAs, cancellations, decisions.
#include <catch2/catch.hpp>

#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"
#include "station/sync/rma_pull.h"
#include "tests/support/rules_fixture.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;
using nlohmann::json;

namespace {
RmaPageReply page(std::vector<json> rmas, const std::string& cursor) {
    return RmaPageReply{std::move(rmas), cursor, false};
}

// A received order for RMA 1, moved to awaiting the customer's decision on a quote: handed to
// the bench, diagnosed with liquid damage (the rules route it to a quote), quoted.
struct QuoteFixture : test::StationFixture {
    std::string order;
    QuoteFixture() {
        Policy policy = test::load_example_rules(*store);
        REQUIRE(apply_rma_page(*store, page({test::rma_json(1, "1Z999AA10123456784")}, "1")));
        auto session = IntakeSession::start(*store, warehouse);
        order = session->scan(Scan{"t", "1Z999AA10123456784", "", 0}).value().order_numbers.at(0);
        REQUIRE(hand_over(*store, order, technician, warehouse, "to the repair bench"));
        REQUIRE(move_order(*store, {order, OrderState::Inspected, technician, ""}));
        REQUIRE(record_diagnosis(*store, policy,
                                 test::phone_diagnosis(order, technician, FaultCause::Liquid)));
        REQUIRE(decide_order(*store, policy, order, technician));
        REQUIRE(make_quote(*store, policy, {order, technician, {}, {"R10"}, ""}));
    }
    OrderState state() { return find_order_by_number(*store, order).value()->state; }
};
}  // namespace

TEST_CASE_METHOD(test::StationFixture, "a page's RMAs and its cursor are stored together") {
    CHECK(stored_cursor(*store).value().empty());
    auto tally = apply_rma_page(
        *store,
        page({test::rma_json(1, "1Z999AA10123456784"), test::rma_json(2, "EA123456785CN")}, "2"));
    REQUIRE(tally);
    CHECK(tally->added == 2);
    CHECK(stored_cursor(*store).value() == "2");
    CHECK(find_rma(*store, "plat-1").value());
}

// Found by probing: one RMA whose number the station held under another id refused the whole page
// for ever, so the valid RMA beside it was never stored.
TEST_CASE_METHOD(test::StationFixture,
                 "an RMA whose number another RMA holds is set aside, the rest of the page kept") {
    REQUIRE(apply_rma_page(*store, page({test::rma_json(1, "1Z999AA10123456784")}, "1")));
    json clash = test::rma_json(3, "SF1402398761234");
    clash["number"] = test::rma_number(1);
    auto tally = apply_rma_page(*store, page({test::rma_json(4, "SF1402398761235"), clash}, "4"));
    REQUIRE(tally);
    CHECK(tally->added == 1);
    CHECK(tally->refused == 1);
    CHECK(stored_cursor(*store).value() == "4");
    CHECK(find_rma(*store, "plat-4").value());
    CHECK_FALSE(find_rma(*store, "plat-3").value());
    CHECK(
        store->db()
            .query_one<std::string>("SELECT reason FROM sync_refused_rmas WHERE rma_id = 'plat-3'")
            .value()
            .value_or("")
            .find("held here by another RMA (id plat-1)") != std::string::npos);

    // Two RMAs of one page with one number: the first keeps it.
    json twin = test::rma_json(6, "SF1402398761236");
    twin["number"] = test::rma_number(5);
    tally = apply_rma_page(*store, page({test::rma_json(5, "SF1402398761237"), twin}, "6"));
    REQUIRE(tally);
    CHECK(tally->added == 1);
    CHECK(tally->refused == 1);
    CHECK(find_rma(*store, "plat-5").value());

    // The holder gives its number up in the same page: both are taken.
    json renumbered = test::rma_json(1, "1Z999AA10123456784");
    renumbered["number"] = test::rma_number(7);
    tally = apply_rma_page(*store, page({clash, renumbered}, "7"));
    REQUIRE(tally);
    CHECK(tally->refused == 0);
    CHECK(find_rma(*store, "plat-3").value());
}

TEST_CASE_METHOD(test::StationFixture,
                 "an unreadable RMA is refused and kept, the others are imported") {
    json broken = test::rma_json(2, "EA123456785CN");
    broken.erase("customer");
    auto tally =
        apply_rma_page(*store, page({test::rma_json(1, "1Z999AA10123456784"), broken}, "2"));
    REQUIRE(tally);
    CHECK(tally->added == 1);
    CHECK(tally->refused == 1);
    CHECK(count("sync_refused_rmas") == 1);
    auto reason =
        store->db().prepare("SELECT reason FROM sync_refused_rmas WHERE rma_id = 'plat-2'");
    REQUIRE(reason->step().value());
    CHECK_THAT(reason->text(0), Catch::Contains("\"customer\" is missing"));
    // The platform fixes it: imported, and no longer listed as refused.
    REQUIRE(apply_rma_page(*store, page({test::rma_json(2, "EA123456785CN")}, "3")));
    CHECK(count("sync_refused_rmas") == 0);
    CHECK(find_rma(*store, "plat-2").value());
}

TEST_CASE_METHOD(QuoteFixture, "a cancellation after intake flags the order once and keeps it") {
    json cancelled = test::rma_json(1, "1Z999AA10123456784");
    cancelled["status"] = "cancelled";
    auto audit_before = count("audit_log");
    auto tally = apply_rma_page(*store, page({cancelled}, "5"));
    REQUIRE(tally);
    REQUIRE(tally->flagged.size() == 1);
    CHECK_THAT(tally->flagged[0], Catch::Contains("cancelled on the platform after intake"));
    CHECK(count("repair_order_flags") == 1);
    CHECK(state() == OrderState::AwaitingApproval);  // neither moved nor deleted
    CHECK(count("repair_orders") == 1);
    auto history = order_history(*store, find_order_by_number(*store, order).value()->id).value();
    CHECK(history.back().action == "platform.rma_cancelled");
    // The same RMA again (another pull): no second flag, no second audit row.
    REQUIRE(apply_rma_page(*store, page({cancelled}, "6")));
    CHECK(count("repair_order_flags") == 1);
    CHECK(count("audit_log") == audit_before + 2);  // rma.updated + the flag
}

TEST_CASE_METHOD(QuoteFixture, "the customer's approval moves the waiting order on, as an event") {
    json answered = test::rma_json(1, "1Z999AA10123456784");
    answered["quote"] = {{"status", "approved"}, {"decided_at", "2026-11-23T10:00:00Z"}};
    auto outbox_before = count("outbox");
    auto tally = apply_rma_page(*store, page({answered}, "7"));
    REQUIRE(tally);
    REQUIRE(tally->decisions.size() == 1);
    CHECK(state() == OrderState::Approved);
    CHECK(count("outbox") == outbox_before + 1);
    auto event = store->db().prepare("SELECT type, payload FROM outbox ORDER BY seq DESC LIMIT 1");
    REQUIRE(event->step().value());
    CHECK(event->text(0) == "repair_order.quote_approved");
    CHECK(json::parse(event->text(1))["operator"] == k_platform_operator);
    // Kept on the quote: accepted by the platform, no consent to substitutes it did not send.
    CHECK(json::parse(event->text(1))["consent_substitutes"] == false);
    auto accepted = store->db().query_one<std::string>(
        "SELECT accepted_by FROM quotes WHERE accepted_ms IS NOT NULL AND substitutes_consented = "
        "0");
    REQUIRE(accepted);
    CHECK(accepted->value_or("") == k_platform_operator);
    // Seen again in a later pull: the order is no longer waiting, nothing happens.
    auto again = apply_rma_page(*store, page({answered}, "8"));
    REQUIRE(again);
    CHECK(again->decisions.empty());
    CHECK(state() == OrderState::Approved);
}

TEST_CASE_METHOD(QuoteFixture, "a declined quote moves the order to declined") {
    json answered = test::rma_json(1, "1Z999AA10123456784");
    answered["quote"] = {{"status", "declined"}};
    REQUIRE(apply_rma_page(*store, page({answered}, "7")));
    CHECK(state() == OrderState::Declined);
}

TEST_CASE_METHOD(QuoteFixture, "a pending quote or one for an order not waiting changes nothing") {
    json pending = test::rma_json(1, "1Z999AA10123456784");
    pending["quote"] = {{"status", "pending"}};
    REQUIRE(apply_rma_page(*store, page({pending}, "7")));
    CHECK(state() == OrderState::AwaitingApproval);
    REQUIRE(move_order(*store, {order, OrderState::Approved, supervisor, "by phone"}));
    json declined = test::rma_json(1, "1Z999AA10123456784");
    declined["quote"] = {{"status", "declined"}};
    auto tally = apply_rma_page(*store, page({declined}, "8"));
    REQUIRE(tally);
    CHECK(tally->decisions.empty());
    CHECK(state() == OrderState::Approved);
}
