// The after-sales rules the state machine enforces: the owner keeps the case, an identity
// mismatch holds the order, the route decides the way, quotes; each refusal names its rule and
// who may override.
#include <catch2/catch.hpp>

#include "station/orders/intake.h"
#include "station/orders/ownership.h"
#include "station/orders/workflow.h"
#include "station/returns/resale_inspection.h"
#include "tests/support/rules_fixture.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

// One order for an RMA bought a month before the fixture's clock (2025-11-23), received by the
// warehouse and handed to the technician.
struct RulesFixture : test::StationFixture {
    Policy policy;
    std::string order;

    explicit RulesFixture(const char* type = "repair", const char* imei = "490154203237518") {
        policy = test::load_example_rules(*store);
        import({test::recent_rma(1, "1Z999AA10123456784", type)});
        order = test::receive_for_technician(*this, "1Z999AA10123456784", imei);
    }

    OrderState state() { return find_order_by_number(*store, order).value()->state; }

    void diagnose(FaultCause cause) { test::inspect_and_diagnose(*this, policy, order, cause); }

    RouteDecision decide() {
        auto decided = decide_order(*store, policy, order, technician);
        INFO((decided ? "" : decided.error().message));
        REQUIRE(decided);
        return *decided;
    }
};

struct ReturnFixture : RulesFixture {
    ReturnFixture() : RulesFixture("return") {}
};
struct MismatchFixture : RulesFixture {
    MismatchFixture() : RulesFixture("repair", "353918056789015") {}
};

}  // namespace

TEST_CASE_METHOD(RulesFixture,
                 "only the owner or a supervisor moves a case; a handover is audited") {
    std::string other = test::badge(9);
    REQUIRE(add_operator(*store, {other, "Li Ming", Role::Technician}));
    auto refused = move_order(*store, {order, OrderState::Inspected, other, ""});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("rule O1"));
    CHECK_THAT(refused.error().message, Catch::Contains("owned by " + technician));
    CHECK_THAT(refused.error().message, Catch::Contains("Who may override: a supervisor"));

    // Handing over needs a reason and the owner (or a supervisor).
    CHECK_FALSE(hand_over(*store, order, other, technician, ""));
    auto not_owner = hand_over(*store, order, other, warehouse, "taking it");
    REQUIRE_FALSE(not_owner);
    CHECK_THAT(not_owner.error().message, Catch::Contains("rule O1"));
    auto handed = hand_over(*store, order, other, technician, "I am off tomorrow");
    REQUIRE(handed);
    CHECK(handed->owner_id == other);
    auto event = last_event("repair_order.handed_over");
    CHECK(event["from_owner"] == technician);
    CHECK(event["to_owner"] == other);
    CHECK(event["reason"] == "I am off tomorrow");
    CHECK(move_order(*store, {order, OrderState::Inspected, other, ""}));
    // A supervisor stands in for anyone.
    CHECK(move_order(*store, {order, OrderState::Cancelled, supervisor, "customer called"}));

    auto mine = list_orders(*store, {.state = std::nullopt, .owner = other, .limit = 10});
    REQUIRE(mine);
    CHECK(mine->size() == 1);
    CHECK(list_orders(*store, {.state = std::nullopt, .owner = technician, .limit = 10})->empty());
}

TEST_CASE_METHOD(MismatchFixture,
                 "an identity mismatch holds the order after inspection until a "
                 "supervisor clears it with a reason") {
    REQUIRE(move_order(*store, {order, OrderState::Inspected, technician, ""}));
    auto held = record_diagnosis(
        *store, policy, test::phone_diagnosis(order, technician, FaultCause::ManufacturingDefect));
    REQUIRE_FALSE(held);
    CHECK_THAT(held.error().message, Catch::Contains("rule I1"));
    CHECK_THAT(held.error().message, Catch::Contains("a supervisor, with a reason"));
    CHECK(count("diagnoses") == 0);  // nothing of the refused step is kept

    CHECK_FALSE(clear_identity_flag(*store, order, technician, "looks fine"));
    CHECK_FALSE(clear_identity_flag(*store, order, supervisor, ""));
    auto cleared = clear_identity_flag(*store, order, supervisor,
                                       "the customer sent his second "
                                       "phone; platform agreed");
    REQUIRE(cleared);
    CHECK(last_event("repair_order.identity.cleared")["reason"] ==
          "the customer sent his second phone; platform agreed");
    CHECK(record_diagnosis(
        *store, policy, test::phone_diagnosis(order, technician, FaultCause::ManufacturingDefect)));
    CHECK_FALSE(clear_identity_flag(*store, order, supervisor, "again"));
}

TEST_CASE_METHOD(RulesFixture, "a diagnosed order moves only along its decided route") {
    diagnose(FaultCause::ManufacturingDefect);
    auto event = last_event("repair_order.diagnosed");
    CHECK(event["diagnosis"]["defect"] == "D02");
    CHECK(event["diagnosis"]["cause"] == "manufacturing_defect");

    auto undecided = move_order(*store, {order, OrderState::InRepair, technician, ""});
    REQUIRE_FALSE(undecided);
    CHECK_THAT(undecided.error().message, Catch::Contains("rule P1"));

    auto decision = decide();
    CHECK(decision.route == Route::WarrantyRepair);
    CHECK(decision.policy_version == "2026.11-3");
    CHECK(decision.confirmed_by == technician);
    auto decided = last_event("repair_order.route_decided");
    CHECK(decided["route"] == "warranty_repair");
    CHECK(decided["policy_version"] == "2026.11-3");
    CHECK_FALSE(decided["trace"].empty());

    auto wrong_way = move_order(*store, {order, OrderState::ReadyToShip, technician, ""});
    REQUIRE_FALSE(wrong_way);
    CHECK_THAT(wrong_way.error().message, Catch::Contains("rule P2"));
    CHECK_THAT(wrong_way.error().message, Catch::Contains("a supervisor"));
    CHECK(move_order(*store, {order, OrderState::InRepair, technician, ""}));
}

TEST_CASE_METHOD(RulesFixture, "no repair out of warranty without an approved quote") {
    diagnose(FaultCause::Liquid);
    auto decision = decide();
    REQUIRE(decision.route == Route::Quote);
    auto refused = move_order(*store, {order, OrderState::InRepair, technician, ""});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message,
               Catch::Contains("rule Q1 (no repair out of warranty without an approved quote)"));
    CHECK_THAT(refused.error().message, Catch::Contains("Who may override: a supervisor"));
    auto no_quote = move_order(*store, {order, OrderState::AwaitingApproval, technician, ""});
    REQUIRE_FALSE(no_quote);
    CHECK_THAT(no_quote.error().message, Catch::Contains("rule Q2"));

    // 40 minutes at 120.00 an hour, and a 45-minute display: lines add up to the total.
    auto quote = make_quote(*store, policy, {order, technician, {}, {"R40", "R10"}, ""});
    REQUIRE(quote);
    REQUIRE(quote->lines.size() == 2);
    CHECK(quote->lines[0].amount_minor == 12000);
    CHECK(quote->lines[1].amount_minor == 9000);
    CHECK(quote->total_minor == 21000);
    CHECK(quote->currency == "CNY");
    CHECK(state() == OrderState::AwaitingApproval);
    auto event = last_event("repair_order.quoted");
    CHECK(event["quote"]["amount_minor"] == 21000);
    CHECK(event["quote"]["lines"].size() == 2);

    // Still valid: it does not return unrepaired; once expired, it does.
    auto early = move_order(*store, {order, OrderState::ReturnedUnrepaired, technician, ""});
    REQUIRE_FALSE(early);
    CHECK_THAT(early.error().message, Catch::Contains("rule Q3"));
    CHECK(expire_quotes(*store, supervisor).value().empty());
    clock.advance(8LL * 86'400'000);
    auto expired = expire_quotes(*store, supervisor);
    REQUIRE(expired);
    CHECK(*expired == std::vector<std::string>{order});
    CHECK(state() == OrderState::ReturnedUnrepaired);
}

TEST_CASE_METHOD(RulesFixture, "a supervisor's override keeps the original in the trace") {
    diagnose(FaultCause::Liquid);
    auto original = decide();
    CHECK_FALSE(override_route(*store, order, Route::WarrantyRepair, technician, "goodwill"));
    CHECK_FALSE(override_route(*store, order, Route::WarrantyRepair, supervisor, ""));
    auto overridden =
        override_route(*store, order, Route::WarrantyRepair, supervisor, "goodwill: VIP customer");
    REQUIRE(overridden);
    CHECK(overridden->replaces == original.id);
    REQUIRE(overridden->trace.size() == original.trace.size() + 1);
    CHECK(overridden->trace.front().finding == original.trace.front().finding);
    CHECK_THAT(overridden->trace.back().finding,
               Catch::Contains("route quote -> warranty_repair; reason: goodwill: VIP customer"));
    CHECK(route_history(*store, find_order_by_number(*store, order).value()->id)->size() == 2);
    CHECK(last_event("repair_order.route_overridden")["reason"] == "goodwill: VIP customer");
    CHECK(move_order(*store, {order, OrderState::InRepair, technician, ""}));
}

TEST_CASE_METHOD(ReturnFixture, "a return goes to its disposition, never to repair") {
    auto d = test::phone_diagnosis(order, technician, FaultCause::NoFaultFound);
    REQUIRE(move_order(*store, {order, OrderState::Inspected, technician, ""}));
    REQUIRE(record_diagnosis(*store, policy, d));
    auto decision = decide();
    CHECK(decision.route == Route::ReturnAccepted);
    auto refused = move_order(*store, {order, OrderState::InRepair, technician, ""});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("rule R0"));
    CHECK(inspect_return(
        *store, {order, ConditionGrade::C, ResaleOutcome::ReturnToVendor, "", technician, ""}));
    CHECK(state() == OrderState::Restocked);
}

TEST_CASE_METHOD(RulesFixture, "diagnosis codes come from the category's catalog") {
    REQUIRE(move_order(*store, {order, OrderState::Inspected, technician, ""}));
    auto d = test::phone_diagnosis(order, technician, FaultCause::ManufacturingDefect);
    d.defect_code = "D99";
    auto unknown = record_diagnosis(*store, policy, d);
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message,
               Catch::Contains("D99 is not a defect code of category phone"));
    d.defect_code = "D01";
    d.cause = FaultCause::NoFaultFound;
    auto not_nff = record_diagnosis(*store, policy, d);
    REQUIRE_FALSE(not_nff);
    CHECK_THAT(not_nff.error().message, Catch::Contains("no_fault_found"));
    CHECK(state() == OrderState::Inspected);
}

TEST_CASE_METHOD(test::StationFixture, "a refused policy file leaves the policy in force") {
    std::string good = test::example_text("policy.toml");
    REQUIRE(load_policy(*store, good, "policy.toml", supervisor));
    std::string bad = good;
    bad.replace(bad.find("no_reason_return_days = 7"), 25, "no_reason_return_days = -7");
    auto refused = load_policy(*store, bad, "policy.toml", supervisor);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("no_reason_return_days is -7"));
    // The same version with other rules is refused too: decisions name versions.
    std::string changed = good;
    changed.replace(changed.find("exchange_days = 15"), 18, "exchange_days = 10");
    auto same_version = load_policy(*store, changed, "policy.toml", supervisor);
    REQUIRE_FALSE(same_version);
    CHECK_THAT(same_version.error().message,
               Catch::Contains("give the changed file a new version"));
    auto in_force = policy_in_force(*store);
    REQUIRE(in_force);
    REQUIRE(*in_force);
    CHECK((*in_force)->rules_for("phone", "").exchange_days == 15);
    CHECK((*in_force)->rules_for("phone", "").no_reason_return_days == 7);
    // A configured file that does not read falls back to the one in force, with a warning.
    auto choice = current_policy(*store, dir.file("missing.toml"));
    REQUIRE(choice);
    CHECK_THAT(choice->warning, Catch::Contains("cannot read policy file"));
}
