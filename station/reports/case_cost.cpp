// Cost: the one order-cost computation per shipped case, summed per group.
#include "station/reports/case_cost.h"

#include <map>

#include "station/orders/order_cost.h"
#include "station/orders/repair_orders.h"
#include "station/reports/case_facts.h"

namespace rs::station {
namespace {

struct Sums {
    std::int64_t cases = 0, parts = 0, labour = 0;
    std::int64_t warranty_cases = 0, warranty_cost = 0;
    std::int64_t quoted_cases = 0, quoted_cost = 0, quoted_revenue = 0;
};

}  // namespace

Result<ReportTable> case_cost(StationStore& store, const ReportScope& scope) {
    auto cases = load_case_facts(store, {});
    if (!cases) return std::unexpected(cases.error());
    std::map<std::string, Sums> groups;
    for (const auto& facts : *cases) {
        if (!facts.shipped_ms || !in_period(scope, *facts.shipped_ms)) continue;
        auto order = require_order(store, facts.number, "report");
        if (!order) return std::unexpected(order.error());
        auto cost = order_cost(store, scope.policy, *order);
        if (!cost) return std::unexpected(cost.error());
        auto& sums = groups[group_of(facts, scope.by, *facts.shipped_ms)];
        ++sums.cases;
        sums.parts += cost->parts_minor;
        sums.labour += cost->labour_minor;
        // A case with an accepted quote is paid by its customer; every other one the center
        // carries (warranty repairs, exchanges, no fault found, returns).
        if (facts.quoted_minor) {
            ++sums.quoted_cases;
            sums.quoted_cost += cost->total_minor;
            sums.quoted_revenue += *facts.quoted_minor;
        } else {
            ++sums.warranty_cases;
            sums.warranty_cost += cost->total_minor;
        }
    }
    std::string currency = scope.policy ? scope.policy->quotes.currency : std::string();
    ReportTable table{"cost",
                      {std::string(name_of(scope.by)), "cases", "parts_minor", "labour_minor",
                       "total_minor", "per_case_minor", "warranty_cases", "warranty_cost_minor",
                       "quoted_cases", "quoted_cost_minor", "quoted_revenue_minor", "currency"},
                      {}};
    for (const auto& [group, sums] : groups) {
        std::int64_t total = sums.parts + sums.labour;
        table.rows.push_back({group, std::to_string(sums.cases), std::to_string(sums.parts),
                              std::to_string(sums.labour), std::to_string(total),
                              // Rounded half up to a minor unit.
                              std::to_string((2 * total + sums.cases) / (2 * sums.cases)),
                              std::to_string(sums.warranty_cases),
                              std::to_string(sums.warranty_cost), std::to_string(sums.quoted_cases),
                              std::to_string(sums.quoted_cost), std::to_string(sums.quoted_revenue),
                              currency});
    }
    return table;
}

}  // namespace rs::station
