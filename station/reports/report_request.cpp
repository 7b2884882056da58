// Checking a report's parameters and running it.
#include "station/reports/report_request.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>

#include "common/clock.h"
#include "station/orders/policy_store.h"

namespace rs::station {

Result<ReportScope> scope_for(const ReportKind& report, const ReportRequest& request) {
    ReportScope scope;
    for (auto [name, text, into] : {std::tuple{"from", &request.from, &scope.from_ms},
                                    std::tuple{"to", &request.to, &scope.to_ms}}) {
        if (text->empty()) continue;
        *into = parse_utc(*text);
        if (*into < 0)
            return fail(ErrorCode::Invalid,
                        fmt::format("{}: {} is not a date: give YYYY-MM-DD (UTC)", name, *text),
                        "report");
    }
    if (scope.from_ms >= scope.to_ms)
        return fail(ErrorCode::Invalid,
                    fmt::format("from: {} is not before to {}: the period is empty", request.from,
                                request.to),
                    "report");
    auto group = parse_enum<ReportGroup>(request.by);
    if (!group)
        return fail(ErrorCode::Invalid,
                    fmt::format("by: {} is not a grouping: give one of {}", request.by,
                                fmt::join(all_names<ReportGroup>(), ", ")),
                    "report");
    if (!report.grouped && *group != ReportGroup::All)
        return fail(ErrorCode::Invalid,
                    fmt::format("by: the report {} lists cases, it is not grouped", report.name),
                    "report");
    scope.by = *group;
    if (request.repeat_days) {
        const std::string& text = *request.repeat_days;
        int days = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), days);
        if (error != std::errc{} || end != text.data() + text.size() || days < 1 ||
            days > k_max_repeat_days)
            return fail(ErrorCode::Invalid,
                        fmt::format("repeat_days: {} is not a number of days from 1 to {}", text,
                                    k_max_repeat_days),
                        "report");
        if (!report.repeat_window)
            return fail(ErrorCode::Invalid,
                        fmt::format("repeat_days: the report {} does not count repeat repairs",
                                    report.name),
                        "report");
        scope.repeat_days = days;
    }
    return scope;
}

Result<ReportTable> run_report(StationStore& store, const ReportKind& report, ReportScope scope) {
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    if (*policy) scope.policy = &**policy;
    return report.run(store, scope);
}

}  // namespace rs::station
