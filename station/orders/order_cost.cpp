// An order's cost from the ledger (parts) and the fault catalog with the policy (labour).
#include "station/orders/order_cost.h"

#include "station/orders/diagnosis.h"
#include "station/orders/order_parts.h"
#include "station/orders/policy_store.h"
#include "station/orders/repair_report.h"
#include "station/orders/route_decisions.h"

namespace rs::station {

Result<OrderCost> order_cost(StationStore& store, const Policy* policy, const RepairOrder& order) {
    OrderCost cost;
    auto parts = parts_used(store, order);
    if (!parts) return std::unexpected(parts.error());
    cost.parts_minor = (*parts)["parts_cost"].get<std::int64_t>();
    if (policy) {
        cost.currency = policy->quotes.currency;
        cost.labour_rate_per_hour = policy->quotes.labour_rate_per_hour;
        auto codes = repair_codes(store, order);
        if (!codes) return std::unexpected(codes.error());
        auto category = order_category(store, order, *policy);
        if (!category) return std::unexpected(category.error());
        for (const auto& code : *codes) {
            auto found = find_fault_code(store, *category, FaultCodeKind::Repair, code);
            if (!found) return std::unexpected(found.error());
            LabourLine line{code, *found ? (*found)->standard_minutes : 0, 0};
            // Rounded half up per line, in minor units: the figure a quote's labour line shows.
            line.amount_minor = (line.minutes * cost.labour_rate_per_hour + 30) / 60;
            cost.labour_minor += line.amount_minor;
            cost.labour.push_back(std::move(line));
        }
    }
    cost.total_minor = cost.parts_minor + cost.labour_minor;
    return cost;
}

Result<OrderCost> order_cost(StationStore& store, const RepairOrder& order) {
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    return order_cost(store, *policy ? &**policy : nullptr, order);
}

nlohmann::json cost_to_json(const OrderCost& cost) {
    nlohmann::json labour = nlohmann::json::array();
    for (const auto& line : cost.labour)
        labour.push_back(
            {{"code", line.code}, {"minutes", line.minutes}, {"amount_minor", line.amount_minor}});
    nlohmann::json json = {{"parts_minor", cost.parts_minor},
                           {"labour_minor", cost.labour_minor},
                           {"total_minor", cost.total_minor},
                           {"labour_rate_per_hour", cost.labour_rate_per_hour},
                           {"labour", labour}};
    if (!cost.currency.empty()) json["currency"] = cost.currency;
    return json;
}

}  // namespace rs::station
