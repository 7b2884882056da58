// Reading the case facts: one ordered scan per table, joined in memory by the order's id.
#include "station/reports/case_facts.h"

#include <fmt/format.h>

#include <unordered_map>

#include "station/reports/fault_pareto.h"
#include "station/reports/report_rows.h"

namespace rs::station {
namespace {

using Index = std::unordered_map<std::string, std::size_t>;

CaseFacts* find_case(std::vector<CaseFacts>& cases, const Index& index, const std::string& id) {
    auto found = index.find(id);
    return found == index.end() ? nullptr : &cases[found->second];
}

Status read_orders(StationStore& store, std::vector<CaseFacts>& cases, Index& index) {
    return for_each_row(
        store,
        "SELECT o.id, o.number, r.product_model, o.owner_id, r.platform, "
        "coalesce(nullif(o.device_identity, ''), nullif(r.expected_imei, ''), r.expected_serial), "
        "o.created_ms FROM repair_orders o JOIN rmas r ON r.id = o.rma_id ORDER BY o.seq",
        [&](const store::Statement& row) {
            CaseFacts facts;
            facts.order_id = row.text(0);
            facts.number = row.text(1);
            facts.model = row.text(2);
            facts.technician = row.text(3);
            facts.platform = row.text(4);
            facts.device = row.text(5);
            facts.received_ms = row.int64(6);
            index.emplace(facts.order_id, cases.size());
            cases.push_back(std::move(facts));
        });
}

// The first decision reviews the case; the latest is the route in force.
Status read_decisions(StationStore& store, std::vector<CaseFacts>& cases, const Index& index) {
    return for_each_row(store,
                        "SELECT repair_order_id, route, category, decided_ms FROM route_decisions "
                        "ORDER BY repair_order_id, decided_ms, id",
                        [&](const store::Statement& row) {
                            CaseFacts* facts = find_case(cases, index, row.text(0));
                            if (!facts) return;
                            facts->route = row.text(1);
                            facts->category = row.text(2);
                            if (!facts->reviewed_ms) facts->reviewed_ms = row.int64(3);
                        });
}

// The latest quote decides: accepted, the customer approved the repair then; otherwise the case
// waits for (or was refused) approval.
Status read_quotes(StationStore& store, std::vector<CaseFacts>& cases, const Index& index) {
    return for_each_row(store,
                        "SELECT repair_order_id, accepted_ms, total_minor FROM quotes "
                        "ORDER BY repair_order_id, created_ms, id",
                        [&](const store::Statement& row) {
                            CaseFacts* facts = find_case(cases, index, row.text(0));
                            if (!facts) return;
                            facts->quote_pending_or_declined = row.is_null(1);
                            facts->approved_ms.reset();
                            facts->quoted_minor.reset();
                            if (row.is_null(1)) return;
                            facts->approved_ms = row.int64(1);
                            facts->quoted_minor = row.int64(2);
                        });
}

Status read_findings(StationStore& store, std::vector<CaseFacts>& cases, const Index& index) {
    return for_each_row(store,
                        fmt::format("SELECT d.repair_order_id, {} FROM diagnoses d WHERE {}",
                                    finding_sql(), in_force_sql()),
                        [&](const store::Statement& row) {
                            if (CaseFacts* facts = find_case(cases, index, row.text(0)))
                                facts->finding = row.text(1);
                        });
}

// Adds a stretch in `stage` to the case's spans; consecutive states of one stage (diagnosed then
// approved) make one stretch.
void add_span(CaseFacts& facts, Stage stage, std::int64_t from_ms, std::int64_t to_ms) {
    if (to_ms < from_ms) return;
    auto& spans = facts.spans;
    if (!spans.empty() && spans.back().stage == stage && spans.back().to_ms == from_ms)
        spans.back().to_ms = to_ms;
    else
        spans.push_back({stage, from_ms, to_ms});
}

// Where a case's walk through its transitions stands: the stage of the state it is in (none for
// a final state) and since when.
struct Walk {
    std::optional<Stage> stage = Stage::Diagnosis;
    std::int64_t since_ms = 0;
};

// The transitions in the order they happened (the audit log's own order: one pass over the
// table, no sort), each moving its case on: the milestones, and (when asked) the spans up to
// the shipping.
Status read_transitions(StationStore& store, std::vector<CaseFacts>& cases, const Index& index,
                        const CaseFactsOptions& options) {
    std::vector<Walk> walks(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i)
        walks[i].since_ms = cases[i].received_ms;
    auto read = for_each_row(
        store,
        "SELECT repair_order_id, time_ms, to_state FROM audit_log WHERE action = 'transition' "
        "ORDER BY id",
        [&](const store::Statement& row) {
            auto found = index.find(row.text(0));
            if (found == index.end()) return;
            CaseFacts& facts = cases[found->second];
            Walk& walk = walks[found->second];
            std::int64_t when_ms = row.int64(1);
            std::string to = row.text(2);
            if (options.spans && !facts.shipped_ms && walk.stage)
                add_span(facts, *walk.stage, walk.since_ms, when_ms);
            walk = {stage_of(to), when_ms};
            if ((to == "ready_to_ship" || to == "restocked" || to == "exchanged") &&
                !facts.completed_ms)
                facts.completed_ms = when_ms;
            if (to == "shipped" && !facts.shipped_ms) facts.shipped_ms = when_ms;
            if (to == "closed" && !facts.closed_ms) facts.closed_ms = when_ms;
            if (to == "cancelled" || to == "scrapped") facts.withdrawn = true;
        });
    if (!read) return read;
    // A case not shipped is still in its last state: until now.
    if (options.spans)
        for (std::size_t i = 0; i < cases.size(); ++i)
            if (!cases[i].shipped_ms && walks[i].stage)
                add_span(cases[i], *walks[i].stage, walks[i].since_ms, options.now_ms);
    return {};
}

}  // namespace

std::optional<Stage> stage_of(const std::string& state) {
    static const std::unordered_map<std::string, Stage> k_stages{
        {"received", Stage::Diagnosis},
        {"inspected", Stage::Diagnosis},
        {"awaiting_approval", Stage::Approval},
        {"awaiting_parts", Stage::Parts},
        {"diagnosed", Stage::Repair},
        {"approved", Stage::Repair},
        {"in_repair", Stage::Repair},
        {"qa", Stage::Qa},
        {"ready_to_ship", Stage::Shipping},
        {"declined", Stage::Shipping},
        {"returned_unrepaired", Stage::Shipping},
        {"exchanged", Stage::Shipping},
    };
    auto found = k_stages.find(state);
    if (found == k_stages.end()) return std::nullopt;
    return found->second;
}

Result<std::vector<CaseFacts>> load_case_facts(StationStore& store,
                                               const CaseFactsOptions& options) {
    std::vector<CaseFacts> cases;
    Index index;
    Status read = read_orders(store, cases, index);
    if (read && options.decisions) read = read_decisions(store, cases, index);
    if (read && options.quotes) read = read_quotes(store, cases, index);
    if (read && options.findings) read = read_findings(store, cases, index);
    if (read) read = read_transitions(store, cases, index, options);
    if (!read) return std::unexpected(read.error());
    // A case that needed no quote was approved when its route was decided.
    for (auto& facts : cases)
        if (!facts.approved_ms && !facts.quote_pending_or_declined)
            facts.approved_ms = facts.reviewed_ms;
    return cases;
}

std::string group_of(const CaseFacts& facts, ReportGroup by, std::int64_t when_ms) {
    switch (by) {
        case ReportGroup::All:
            return "all";
        case ReportGroup::Model:
            return facts.model;
        case ReportGroup::Category:
            return facts.category;
        case ReportGroup::Route:
            return facts.route;
        case ReportGroup::Technician:
            return facts.technician;
        case ReportGroup::Week:
            return week_label(when_ms);
    }
    return "all";
}

}  // namespace rs::station
