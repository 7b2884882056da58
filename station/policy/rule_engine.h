// The rule engine: the facts of one device in, its route and the trace of every rule looked at
// out. Pure: no store, no clock, so each rule is tested at its boundaries from a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/policy/policy.h"
#include "station/rma/rma.h"

namespace rs::station {

// The technician's finding of why the device failed (the diagnosis' cause).
enum class FaultCause { ManufacturingDefect, CustomerDamage, Liquid, Transit, NoFaultFound };

constexpr auto enum_names(FaultCause) {
    using enum FaultCause;
    return std::to_array<EnumName<FaultCause>>({{ManufacturingDefect, "manufacturing_defect"},
                                                {CustomerDamage, "customer_damage"},
                                                {Liquid, "liquid"},
                                                {Transit, "transit"},
                                                {NoFaultFound, "no_fault_found"}});
}

// Where the device goes.
enum class Route {
    WarrantyRepair,  // free repair under warranty
    Quote,           // out of warranty or warranty void: the customer approves a price first
    Exchange,        // a replacement unit (quality defect within the exchange window)
    ReturnAccepted,  // no-reason return accepted: restocked, the customer is refunded
    ReturnRefused,   // return refused: ships back as it came, with the reasons
    NoFaultFound,    // ships back: nothing to repair
};

constexpr auto enum_names(Route) {
    using enum Route;
    return std::to_array<EnumName<Route>>({{WarrantyRepair, "warranty_repair"},
                                           {Quote, "quote"},
                                           {Exchange, "exchange"},
                                           {ReturnAccepted, "return_accepted"},
                                           {ReturnRefused, "return_refused"},
                                           {NoFaultFound, "no_fault_found"}});
}

// Everything a decision may look at: from the RMA, the order and the diagnosis.
struct DecisionFacts {
    RmaType requested = RmaType::Repair;
    std::string platform;
    std::string declared_category;
    std::string sku;
    std::optional<std::int64_t> purchase_ms;
    std::optional<std::int64_t> delivered_ms;
    std::optional<std::int64_t> extended_warranty_until_ms;  // last day covered
    std::int64_t received_ms = 0;                            // the parcel reached the center
    std::int64_t decided_ms = 0;                             // now
    std::optional<FaultCause> cause;                         // none before diagnosis
    std::vector<Damage> damage;
    std::vector<std::string> missing_accessories;
    bool activated = false;
};

// One rule looked at and what it found, in words a person checks against the paperwork.
struct TraceLine {
    std::string rule;     // "R1", "W3": the ids docs/policy.md lists
    std::string finding;  // "delivered 2026-11-20, received 2026-11-25: day 5 of 7, ..."
};

struct Decision {
    Route route = Route::Quote;
    std::string category;
    std::string policy_version;
    std::vector<TraceLine> trace;
    std::vector<std::string> refusal_reasons;  // for return_refused: what the customer is told
    bool carrier_claim = false;                // transit damage: claim against the carrier
    Day review_by = 0;                         // D1: reviewed by this day
};

// Decides the route. Fails only when the facts name no category the policy knows.
Result<Decision> decide_route(const Policy& policy, const DecisionFacts& facts);

}  // namespace rs::station
