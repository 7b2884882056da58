// The cost of a repair order to the center: the parts it used at their ledger cost plus its
// labour, the standard minutes of the repair codes recorded on it times the policy's hourly rate.
// Shown by `station orders show`, in the order's JSON, and carried by the `qa_passed` and
// `shipped` events as {parts_minor, labour_minor, total_minor, currency}.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/orders/repair_orders.h"
#include "station/policy/policy.h"
#include "station/store/station_store.h"

namespace rs::station {

struct LabourLine {
    std::string code;  // a repair code of the order's category
    int minutes = 0;   // its standard time
    std::int64_t amount_minor = 0;
};

struct OrderCost {
    std::int64_t parts_minor = 0;   // parts used, at the cost the ledger booked them
    std::int64_t labour_minor = 0;  // the labour lines' amounts
    std::int64_t total_minor = 0;
    std::string currency;  // the policy's; empty without a policy
    std::int64_t labour_rate_per_hour = 0;
    std::vector<LabourLine> labour;
};

// The one computation of an order's cost. Each repair code's amount is its minutes times the
// hourly rate divided by 60, rounded half up (as a quote's labour line is). A repair code the
// category's fault catalog does not know counts 0 minutes (listed, so a person sees it). With no
// policy (`policy` null), labour costs 0.
Result<OrderCost> order_cost(StationStore& store, const Policy* policy, const RepairOrder& order);
// The same under the policy in force (the newest one the station accepted).
Result<OrderCost> order_cost(StationStore& store, const RepairOrder& order);

// {parts_minor, labour_minor, total_minor, currency?, labour_rate_per_hour, labour: [{code,
// minutes, amount_minor}]}: currency only when a policy names it.
nlohmann::json cost_to_json(const OrderCost& cost);

}  // namespace rs::station
