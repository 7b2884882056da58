// The rule engine at and around each rule's boundary, from one table: every row names the facts,
// the route expected and a line its trace must hold.
#include <catch2/catch.hpp>

#include <functional>

#include "common/clock.h"
#include "station/policy/rule_engine.h"

using namespace rs;
using namespace rs::station;

namespace {

const char* k_policy = R"(version = "test-7"
[calendar]
weekend = ["saturday", "sunday"]
holidays = ["2027-01-01"]
[defaults]
no_reason_return_days = 7
return_requires = ["undamaged", "complete", "not_activated"]
exchange_days = 15
warranty_months = 12
voids_warranty = ["physical", "liquid", "unauthorised_repair", "seal_opened"]
review_working_days = 3
[categories.phone]
sku_prefixes = ["PX"]
accessories = ["charger", "box"]
[categories.watch]
sku_prefixes = ["W"]
return_requires = ["undamaged", "complete"]
voids_warranty = ["liquid"]
[platforms.vmall]
no_reason_return_days = 30
)";

std::int64_t ms(const char* day) {
    return parse_utc(day);
}

// A phone bought and delivered 2026-11-20, received 2026-11-25 (a Wednesday).
DecisionFacts base(RmaType type) {
    DecisionFacts facts;
    facts.requested = type;
    facts.sku = "PX2-128";
    facts.purchase_ms = ms("2026-11-18");
    facts.delivered_ms = ms("2026-11-20");
    facts.received_ms = ms("2026-11-25");
    facts.decided_ms = ms("2026-11-25");
    return facts;
}

struct Row {
    const char* what;
    RmaType type;
    std::function<void(DecisionFacts&)> change;
    Route route;
    const char* trace;  // a line of the trace must contain this
};

}  // namespace

TEST_CASE("each rule decides at and around its boundary, and says why") {
    auto policy = parse_policy(k_policy, "test.toml");
    REQUIRE(policy);
    using T = RmaType;
    using R = Route;
    const Row rows[] = {
        // R1: the no-reason return window, counted from delivery.
        {"return on day 5", T::Return, [](DecisionFacts&) {}, R::ReturnAccepted,
         "R1: delivered 2026-11-20, received 2026-11-25: day 5 of 7, no-reason return window "
         "open"},
        {"return on day 7", T::Return, [](DecisionFacts& f) { f.received_ms = ms("2026-11-27"); },
         R::ReturnAccepted, "day 7 of 7, no-reason return window open"},
        {"return on day 8", T::Return, [](DecisionFacts& f) { f.received_ms = ms("2026-11-28"); },
         R::ReturnRefused, "day 8 of 7, no-reason return window closed"},
        {"return on day 8 on a 30-day platform", T::Return,
         [](DecisionFacts& f) {
             f.received_ms = ms("2026-11-28");
             f.platform = "vmall";
         },
         R::ReturnAccepted, "day 8 of 30, no-reason return window open"},
        {"return without delivery date counts from purchase", T::Return,
         [](DecisionFacts& f) { f.delivered_ms.reset(); }, R::ReturnAccepted,
         "bought (no delivery date on the RMA) 2026-11-18, received 2026-11-25: day 7 of 7"},
        // R2-R4: the return's conditions.
        {"return damaged", T::Return, [](DecisionFacts& f) { f.damage = {Damage::Physical}; },
         R::ReturnRefused, "R2: damaged: physical (must be undamaged)"},
        {"return scratched in transit", T::Return,
         [](DecisionFacts& f) { f.damage = {Damage::Transit}; }, R::ReturnAccepted,
         "W7: transit damage is the carrier's"},
        {"return incomplete", T::Return,
         [](DecisionFacts& f) { f.missing_accessories = {"charger"}; }, R::ReturnRefused,
         "R3: incomplete: missing charger"},
        {"return activated", T::Return, [](DecisionFacts& f) { f.activated = true; },
         R::ReturnRefused, "R4: activated (must not be)"},
        {"watch return activated: not a condition for watches", T::Return,
         [](DecisionFacts& f) {
             f.sku = "WT-5";
             f.activated = true;
         },
         R::ReturnAccepted, "R3: complete: nothing listed"},
        // X1-X2: exchange for a quality defect within 15 days.
        {"exchange on day 15", T::Exchange,
         [](DecisionFacts& f) {
             f.received_ms = ms("2026-12-05");
             f.cause = FaultCause::ManufacturingDefect;
         },
         R::Exchange,
         "X1: delivered 2026-11-20, received 2026-12-05: day 15 of 15, exchange window open"},
        {"exchange on day 16", T::Exchange,
         [](DecisionFacts& f) {
             f.received_ms = ms("2026-12-06");
             f.cause = FaultCause::ManufacturingDefect;
         },
         R::WarrantyRepair, "day 16 of 15, exchange window closed: handled as a repair"},
        {"exchange asked, liquid found", T::Exchange,
         [](DecisionFacts& f) { f.cause = FaultCause::Liquid; }, R::Quote,
         "X2: exchange needs a quality defect; the cause is liquid"},
        // W1: warranty through the day before the anniversary of purchase.
        {"warranty last day", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2027-11-17");
             f.cause = FaultCause::ManufacturingDefect;
         },
         R::WarrantyRepair,
         "W1: bought 2026-11-18, 12 months: warranty through 2027-11-17; "
         "received 2027-11-17: in warranty"},
        {"warranty day after", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2027-11-18");
             f.cause = FaultCause::ManufacturingDefect;
         },
         R::Quote, "received 2027-11-18: warranty expired"},
        // W2: an extended warranty's end date.
        {"extended warranty's last day", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2028-11-17");
             f.extended_warranty_until_ms = ms("2028-11-17");
         },
         R::WarrantyRepair, "W2: extended warranty through 2028-11-17: covers it"},
        {"extended warranty over", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2028-11-18");
             f.extended_warranty_until_ms = ms("2028-11-17");
         },
         R::Quote, "W2: extended warranty through 2028-11-17: expired"},
        // W3-W7: what voids the warranty, and what does not.
        {"liquid", T::Repair, [](DecisionFacts& f) { f.cause = FaultCause::Liquid; }, R::Quote,
         "W3: liquid damage (indicator red): warranty void by rule W3"},
        {"physical damage", T::Repair,
         [](DecisionFacts& f) { f.cause = FaultCause::CustomerDamage; }, R::Quote,
         "W4: customer physical damage: warranty void by rule W4"},
        {"unauthorised repair", T::Repair,
         [](DecisionFacts& f) { f.damage = {Damage::UnauthorisedRepair}; }, R::Quote,
         "W5: repaired by an unauthorised shop: warranty void by rule W5"},
        {"seal opened", T::Repair, [](DecisionFacts& f) { f.damage = {Damage::SealOpened}; },
         R::Quote, "W6: warranty seal opened: warranty void by rule W6"},
        {"transit damage keeps the warranty", T::Repair,
         [](DecisionFacts& f) { f.cause = FaultCause::Transit; }, R::WarrantyRepair,
         "W7: transit damage is the carrier's: a claim, the warranty stands"},
        {"a watch's policy lets a seal opened pass", T::Repair,
         [](DecisionFacts& f) {
             f.sku = "WT-5";
             f.damage = {Damage::SealOpened};
         },
         R::WarrantyRepair, "W6: warranty seal opened: does not void the warranty"},
        {"no fault found", T::Repair, [](DecisionFacts& f) { f.cause = FaultCause::NoFaultFound; },
         R::NoFaultFound, "N1: the technician found no fault"},
        // D1: review within 3 working days, across a weekend and a holiday.
        {"review across a weekend", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2026-11-26");
             f.decided_ms = ms("2026-12-01");
         },
         R::WarrantyRepair,
         "D1: received 2026-11-26: review within 3 working days, by "
         "2026-12-01 (3 used)"},
        {"review across a holiday", T::Repair,
         [](DecisionFacts& f) {
             f.received_ms = ms("2026-12-30");
             f.decided_ms = ms("2027-01-06");
         },
         R::WarrantyRepair, "by 2027-01-05 (4 used, LATE)"},
    };
    for (const auto& row : rows) {
        DecisionFacts facts = base(row.type);
        row.change(facts);
        auto decision = decide_route(*policy, facts);
        INFO(row.what);
        REQUIRE(decision);
        std::string trace;
        for (const auto& line : decision->trace)
            trace += line.rule + ": " + line.finding + "\n";
        INFO(trace);
        CHECK(decision->route == row.route);
        CHECK_THAT(trace, Catch::Contains(row.trace));
        CHECK(decision->policy_version == "test-7");
    }
}

TEST_CASE("a refused return lists every reason, and the carrier pays transit damage") {
    auto policy = parse_policy(k_policy, "test.toml");
    REQUIRE(policy);
    DecisionFacts facts = base(RmaType::Return);
    facts.received_ms = ms("2026-11-30");
    facts.missing_accessories = {"box"};
    facts.damage = {Damage::Transit, Damage::Liquid};
    auto decision = decide_route(*policy, facts);
    REQUIRE(decision);
    CHECK(decision->route == Route::ReturnRefused);
    CHECK(decision->carrier_claim);
    REQUIRE(decision->refusal_reasons.size() == 3);
    CHECK(decision->refusal_reasons[0] == "received on day 10, after the 7-day window");
}

TEST_CASE("an RMA no category matches is refused, not guessed") {
    auto policy = parse_policy(k_policy, "test.toml");
    REQUIRE(policy);
    DecisionFacts facts = base(RmaType::Repair);
    facts.sku = "ZZ-9";
    auto decision = decide_route(*policy, facts);
    REQUIRE_FALSE(decision);
    CHECK_THAT(decision.error().message,
               Catch::Contains("no category has a SKU prefix matching ZZ-9"));
    facts.declared_category = "fridge";
    CHECK_THAT(decide_route(*policy, facts).error().message,
               Catch::Contains("has no category fridge"));
}
