// Route decisions of repair orders: computed by the rule engine from the RMA and the diagnosis,
// confirmed by a person, overridden only by a supervisor with a reason; all kept with traces.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/orders/repair_orders.h"
#include "station/policy/policy.h"
#include "station/policy/rule_engine.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class DecisionKind { Computed, Override };

constexpr auto enum_names(DecisionKind) {
    using enum DecisionKind;
    return std::to_array<EnumName<DecisionKind>>({{Computed, "computed"}, {Override, "override"}});
}

struct RouteDecision {
    std::string id;
    std::string order_id;
    std::string order_number;
    DecisionKind kind = DecisionKind::Computed;
    Route route = Route::Quote;
    std::string category;
    std::string policy_version;
    std::vector<TraceLine> trace;
    nlohmann::json facts = nlohmann::json::object();
    std::string confirmed_by;
    std::string reason;    // an override's reason
    std::string replaces;  // the decision an override replaced
    std::int64_t decided_ms = 0;
};

// The facts the rules look at for this order: its RMA, when it arrived, its latest diagnosis.
Result<DecisionFacts> gather_facts(StationStore& store, const RepairOrder& order);
nlohmann::json facts_to_json(const DecisionFacts& facts);

// Runs the rule engine and records its decision, confirmed by `operator_id` (a technician or
// supervisor; the owner or a supervisor), with its audit row and `repair_order.route_decided`.
Result<RouteDecision> decide_order(StationStore& store, const Policy& policy,
                                   const std::string& order_number, const std::string& operator_id);
// A supervisor replaces the route in force, with a reason; the trace keeps the original's lines
// and says who changed what and why (`repair_order.route_overridden`).
Result<RouteDecision> override_route(StationStore& store, const std::string& order_number,
                                     Route route, const std::string& operator_id,
                                     const std::string& reason);

Result<std::optional<RouteDecision>> route_in_force(StationStore& store,
                                                    const std::string& order_id);
// Oldest first.
Result<std::vector<RouteDecision>> route_history(StationStore& store, const std::string& order_id);

nlohmann::json decision_to_json(const RouteDecision& decision);

// The order's product category: the one its route was decided with, else its RMA's (declared or
// by SKU prefix in `policy`); empty when neither names one.
Result<std::string> order_category(StationStore& store, const RepairOrder& order,
                                   const Policy& policy);

}  // namespace rs::station
