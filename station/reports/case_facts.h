// The facts of each case that the reports computed in C++ count (turnaround, deadlines, repeat
// repairs, people, cost): read in one pass per table, never one query per case, so a report over
// a million cases reads each table once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/reports/report_scope.h"
#include "station/store/station_store.h"

namespace rs::station {

// The stages of a case's turnaround, each a set of order states (docs/reports.md):
//   diagnosis  received, inspected: waiting for (and under) diagnosis
//   approval   awaiting_approval: the customer deciding on a quote
//   parts      awaiting_parts
//   repair     diagnosed, approved, in_repair: on the bench
//   qa         qa
//   shipping   ready_to_ship, declined, returned_unrepaired, exchanged: waiting to ship
enum class Stage { Diagnosis, Approval, Parts, Repair, Qa, Shipping };

constexpr auto enum_names(Stage) {
    using enum Stage;
    return std::to_array<EnumName<Stage>>({{Diagnosis, "diagnosis"},
                                           {Approval, "approval"},
                                           {Parts, "parts"},
                                           {Repair, "repair"},
                                           {Qa, "qa"},
                                           {Shipping, "shipping"}});
}

// The stage an order state belongs to; nullopt for the final states.
std::optional<Stage> stage_of(const std::string& state);

// A stretch of time a case spent in one state, before it was shipped.
struct StageSpan {
    Stage stage;
    std::int64_t from_ms = 0;
    std::int64_t to_ms = 0;
};

struct CaseFacts {
    std::string order_id;  // the repair order's UUID
    std::string number;    // RO-...
    std::string model, category, route, technician, platform;
    std::string device;   // the scanned serial or IMEI, else the RMA's expected IMEI or serial
    std::string finding;  // as the Pareto names it; empty when not diagnosed
    std::int64_t received_ms = 0;
    std::optional<std::int64_t> reviewed_ms;   // the first route decision
    std::optional<std::int64_t> approved_ms;   // see approval_ms_of
    std::optional<std::int64_t> quoted_minor;  // the accepted quote's total
    bool quote_pending_or_declined = false;    // the latest quote was not accepted
    std::optional<std::int64_t> completed_ms;  // first ready_to_ship, restocked or exchanged
    std::optional<std::int64_t> shipped_ms;    // first shipped
    std::optional<std::int64_t> closed_ms;     // first closed
    bool withdrawn = false;                    // cancelled or scrapped: no deadline runs on
    std::vector<StageSpan> spans;              // received to shipped (or to now when open)
};

struct CaseFactsOptions {
    bool spans = false;       // read the transitions into stage spans
    std::int64_t now_ms = 0;  // an unshipped case's last span ends now
};

// Every repair order with its facts, oldest first.
Result<std::vector<CaseFacts>> load_case_facts(StationStore& store,
                                               const CaseFactsOptions& options);

// The group of a case as the SQL reports name it (report_scope.h); weeks by `when_ms`.
std::string group_of(const CaseFacts& facts, ReportGroup by, std::int64_t when_ms);

// Whether `when_ms` falls in the scope's period.
inline bool in_period(const ReportScope& scope, std::int64_t when_ms) {
    return when_ms >= scope.from_ms && when_ms < scope.to_ms;
}

}  // namespace rs::station
