// Deadlines: each case's review and completion deadline worked out from the case facts and the
// policy's calendar and rules.
#include "station/reports/deadlines.h"

#include <map>

#include "station/reports/case_facts.h"

namespace rs::station {
namespace {

constexpr std::int64_t k_day_ms = 86'400'000;

struct Deadline {
    const CaseFacts* facts;
    const char* kind;  // "review" or "complete"
    Day due;
    std::optional<Day> done;
    // Dated by the start of its due day (local midnight), for the period and the week.
    std::int64_t due_ms;
};

struct Deadlines {
    std::vector<CaseFacts> cases;
    std::vector<Deadline> list;
    Day today;
    WorkingCalendar calendar;
};

Result<Deadlines> all_deadlines(StationStore& store, const ReportScope& scope) {
    auto cases = load_case_facts(store, {});
    if (!cases) return std::unexpected(cases.error());
    Deadlines result{std::move(*cases), {}, 0, {}};
    const Policy fallback;
    const Policy& policy = scope.policy ? *scope.policy : fallback;
    result.calendar = policy.calendar;
    const auto& calendar = result.calendar;
    result.today = calendar.local_day(store.clock().now_ms());
    auto add = [&](const CaseFacts& facts, const char* kind, std::int64_t from_ms, int days,
                   const std::optional<std::int64_t>& done_ms) {
        // A withdrawn case's deadline that was not met stops running: nobody is late for it.
        if (facts.withdrawn && !done_ms) return;
        Day due = calendar.add_working_days(calendar.local_day(from_ms), days);
        std::optional<Day> done;
        if (done_ms) done = calendar.local_day(*done_ms);
        result.list.push_back(
            {&facts, kind, due, done, due * k_day_ms - calendar.utc_offset_minutes * 60'000LL});
    };
    for (const auto& facts : result.cases) {
        RuleSet rules = policy.rules_for(facts.category, facts.platform);
        add(facts, "review", facts.received_ms, rules.review_working_days, facts.reviewed_ms);
        if (facts.approved_ms)
            add(facts, "complete", *facts.approved_ms, rules.complete_working_days,
                facts.completed_ms);
    }
    return result;
}

bool met(const Deadline& deadline) {
    return deadline.done && *deadline.done <= deadline.due;
}

// Settled: done, or due before today (a deadline due today may still be met).
bool settled(const Deadline& deadline, Day today) {
    return deadline.done || deadline.due < today;
}

}  // namespace

Result<ReportTable> deadlines(StationStore& store, const ReportScope& scope) {
    auto all = all_deadlines(store, scope);
    if (!all) return std::unexpected(all.error());
    struct Counts {
        std::int64_t review_due = 0, review_met = 0, complete_due = 0, complete_met = 0;
    };
    std::map<std::string, Counts> groups;
    for (const auto& deadline : all->list) {
        if (!in_period(scope, deadline.due_ms) || !settled(deadline, all->today)) continue;
        auto& counts = groups[group_of(*deadline.facts, scope.by, deadline.due_ms)];
        bool review = deadline.kind == std::string_view("review");
        ++(review ? counts.review_due : counts.complete_due);
        if (met(deadline)) ++(review ? counts.review_met : counts.complete_met);
    }
    ReportTable table{"deadlines",
                      {std::string(name_of(scope.by)), "reviewed", "reviewed_in_time",
                       "review_share", "completed", "completed_in_time", "complete_share"},
                      {}};
    for (const auto& [group, counts] : groups)
        table.rows.push_back(
            {group, std::to_string(counts.review_due), std::to_string(counts.review_met),
             share_text(counts.review_met, counts.review_due), std::to_string(counts.complete_due),
             std::to_string(counts.complete_met),
             share_text(counts.complete_met, counts.complete_due)});
    return table;
}

Result<ReportTable> deadline_misses(StationStore& store, const ReportScope& scope) {
    auto all = all_deadlines(store, scope);
    if (!all) return std::unexpected(all.error());
    ReportTable table{"deadline-misses",
                      {"order", "deadline", "due", "done", "working_days_late", "technician"},
                      {}};
    for (const auto& deadline : all->list) {
        if (!in_period(scope, deadline.due_ms) || !settled(deadline, all->today) || met(deadline))
            continue;
        Day until = deadline.done ? *deadline.done : all->today;
        table.rows.push_back(
            {deadline.facts->number, deadline.kind, day_text(deadline.due),
             deadline.done ? day_text(*deadline.done) : std::string(),
             std::to_string(all->calendar.working_days_between(deadline.due, until)),
             deadline.facts->technician});
    }
    return table;
}

Result<ReportTable> deadlines_at_risk(StationStore& store, const ReportScope& scope) {
    auto all = all_deadlines(store, scope);
    if (!all) return std::unexpected(all.error());
    const auto& calendar = all->calendar;
    Day tomorrow = calendar.add_working_days(all->today, 1);
    ReportTable table{
        "at-risk", {"order", "deadline", "due", "working_days_left", "technician"}, {}};
    for (const auto& deadline : all->list) {
        if (deadline.done || deadline.due > tomorrow) continue;
        int left = deadline.due >= all->today
                       ? calendar.working_days_between(all->today, deadline.due)
                       : -calendar.working_days_between(deadline.due, all->today);
        table.rows.push_back({deadline.facts->number, deadline.kind, day_text(deadline.due),
                              std::to_string(left), deadline.facts->technician});
    }
    return table;
}

}  // namespace rs::station
