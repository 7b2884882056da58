// Turnaround: the stage spans of the case facts, summed per case, sorted per group and stage.
#include "station/reports/turnaround.h"

#include <algorithm>

#include "station/reports/distribution.h"

namespace rs::station {
namespace {

// Histogram buckets in calendar days: [0, 1), [1, 2), ... [30, no end).
constexpr std::array<int, 8> k_bucket_starts{0, 1, 2, 3, 5, 7, 14, 30};
constexpr std::int64_t k_day_ms = 86'400'000;

std::vector<std::int64_t> sorted_values(const std::vector<Duration>& durations,
                                        std::int64_t Duration::*field) {
    std::vector<std::int64_t> values;
    values.reserve(durations.size());
    for (const auto& duration : durations)
        values.push_back(duration.*field);
    std::sort(values.begin(), values.end());
    return values;
}

}  // namespace

const char* turnaround_part_name(std::size_t part) {
    if (part == 0) return "total";
    return name_of(static_cast<Stage>(part - 1));
}

Result<TurnaroundGroups> turnaround_by_group(StationStore& store, const ReportScope& scope) {
    auto cases = load_case_facts(store, {.spans = true, .now_ms = store.clock().now_ms()});
    if (!cases) return std::unexpected(cases.error());
    const WorkingCalendar calendar = scope.policy ? scope.policy->calendar : WorkingCalendar{};
    TurnaroundGroups groups;
    for (const auto& facts : *cases) {
        if (!facts.shipped_ms || !in_period(scope, *facts.shipped_ms)) continue;
        auto& parts = groups[group_of(facts, scope.by, *facts.shipped_ms)];
        parts[0].push_back({*facts.shipped_ms - facts.received_ms,
                            calendar.working_ms_between(facts.received_ms, *facts.shipped_ms)});
        std::array<std::optional<Duration>, k_turnaround_parts> stages;
        for (const auto& span : facts.spans) {
            auto& stage = stages[static_cast<std::size_t>(span.stage) + 1];
            if (!stage) stage.emplace();
            stage->calendar_ms += span.to_ms - span.from_ms;
            stage->working_ms += calendar.working_ms_between(span.from_ms, span.to_ms);
        }
        for (std::size_t part = 1; part < k_turnaround_parts; ++part)
            if (stages[part]) parts[part].push_back(*stages[part]);
    }
    return groups;
}

Result<ReportTable> turnaround(StationStore& store, const ReportScope& scope) {
    auto groups = turnaround_by_group(store, scope);
    if (!groups) return std::unexpected(groups.error());
    ReportTable table{"turnaround",
                      {std::string(name_of(scope.by)), "stage", "cases", "median_h", "p90_h",
                       "max_h", "median_work_h", "p90_work_h", "max_work_h"},
                      {}};
    for (const auto& [group, parts] : *groups) {
        for (std::size_t part = 0; part < k_turnaround_parts; ++part) {
            if (parts[part].empty()) continue;
            std::vector<std::string> row{group, turnaround_part_name(part),
                                         std::to_string(parts[part].size())};
            for (auto field : {&Duration::calendar_ms, &Duration::working_ms}) {
                auto values = sorted_values(parts[part], field);
                for (int percent : {50, 90, 100})
                    row.push_back(hours_text(percentile(values, percent)));
            }
            table.rows.push_back(std::move(row));
        }
    }
    return table;
}

Result<ReportTable> turnaround_histogram(StationStore& store, const ReportScope& scope) {
    auto groups = turnaround_by_group(store, scope);
    if (!groups) return std::unexpected(groups.error());
    ReportTable table{"turnaround-histogram",
                      {std::string(name_of(scope.by)), "stage", "from_days", "to_days", "cases"},
                      {}};
    for (const auto& [group, parts] : *groups) {
        for (std::size_t part = 0; part < k_turnaround_parts; ++part) {
            if (parts[part].empty()) continue;
            std::array<std::int64_t, k_bucket_starts.size()> counts{};
            for (const auto& duration : parts[part]) {
                std::size_t bucket = k_bucket_starts.size() - 1;
                while (bucket > 0 && duration.calendar_ms < k_bucket_starts[bucket] * k_day_ms)
                    --bucket;
                ++counts[bucket];
            }
            for (std::size_t bucket = 0; bucket < counts.size(); ++bucket)
                table.rows.push_back(
                    {group, turnaround_part_name(part), std::to_string(k_bucket_starts[bucket]),
                     bucket + 1 < counts.size() ? std::to_string(k_bucket_starts[bucket + 1])
                                                : std::string(),
                     std::to_string(counts[bucket])});
        }
    }
    return table;
}

}  // namespace rs::station
