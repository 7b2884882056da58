// Repeat repairs: the cases of each device in the order they arrived, each compared with the
// one before it.
#include "station/reports/repeat_repairs.h"

#include <unordered_map>

#include "common/clock.h"

namespace rs::station {
namespace {

constexpr std::int64_t k_day_ms = 86'400'000;

}  // namespace

std::vector<RepeatRepair> find_repeats(const std::vector<CaseFacts>& cases,
                                       const ReportScope& scope) {
    // The cases come oldest first, so the last one seen of a device is the one before.
    std::unordered_map<std::string, const CaseFacts*> last_of_device;
    std::vector<RepeatRepair> repeats;
    const std::int64_t window_ms = std::int64_t{scope.repeat_days} * k_day_ms;
    for (const auto& facts : cases) {
        if (facts.device.empty()) continue;
        auto [found, added] = last_of_device.try_emplace(facts.device, &facts);
        if (added) continue;
        const CaseFacts* before = found->second;
        found->second = &facts;
        if (!before->shipped_ms || !in_period(scope, facts.received_ms)) continue;
        std::int64_t after_ms = facts.received_ms - *before->shipped_ms;
        if (after_ms >= 0 && after_ms <= window_ms) repeats.push_back({before, &facts});
    }
    return repeats;
}

Result<ReportTable> repeat_repairs(StationStore& store, const ReportScope& scope) {
    auto cases = load_case_facts(store, {});
    if (!cases) return std::unexpected(cases.error());
    ReportTable table{"repeats",
                      {"device", "first_order", "first_finding", "first_shipped", "technician",
                       "repeat_order", "repeat_received", "days_after", "repeat_finding"},
                      {}};
    for (const auto& [first, repeat] : find_repeats(*cases, scope))
        table.rows.push_back({repeat->device, first->number, first->finding,
                              format_utc_date(*first->shipped_ms), first->technician,
                              repeat->number, format_utc_date(repeat->received_ms),
                              std::to_string((repeat->received_ms - *first->shipped_ms) / k_day_ms),
                              repeat->finding});
    return table;
}

}  // namespace rs::station
