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

// Walks each order's transitions in the order they happened: the milestones, and (when asked)
// the spans between them up to the shipping.
class TransitionWalk {
public:
    TransitionWalk(const CaseFactsOptions& options) : m_options(options) {}

    void on_transition(CaseFacts& facts, std::int64_t when_ms, const std::string& from,
                       const std::string& to) {
        if (&facts != m_current) finish();
        if (&facts != m_current) {
            m_current = &facts;
            m_since_ms = facts.received_ms;
        }
        if (m_options.spans && !facts.shipped_ms) add_span(from, when_ms);
        m_since_ms = when_ms;
        m_state = to;
        if ((to == "ready_to_ship" || to == "restocked" || to == "exchanged") &&
            !facts.completed_ms)
            facts.completed_ms = when_ms;
        if (to == "shipped" && !facts.shipped_ms) facts.shipped_ms = when_ms;
        if (to == "closed" && !facts.closed_ms) facts.closed_ms = when_ms;
        if (to == "cancelled" || to == "scrapped") facts.withdrawn = true;
    }

    // The last span of the case walked: open until now unless it shipped.
    void finish() {
        if (m_current && m_options.spans && !m_current->shipped_ms)
            add_span(m_state, m_options.now_ms);
        m_current = nullptr;
    }

private:
    void add_span(const std::string& state, std::int64_t until_ms) {
        auto stage = stage_of(state);
        if (!stage || until_ms < m_since_ms) return;
        auto& spans = m_current->spans;
        // Consecutive states of one stage (diagnosed then approved) are one stretch.
        if (!spans.empty() && spans.back().stage == *stage && spans.back().to_ms == m_since_ms)
            spans.back().to_ms = until_ms;
        else
            spans.push_back({*stage, m_since_ms, until_ms});
    }

    const CaseFactsOptions& m_options;
    CaseFacts* m_current = nullptr;
    std::int64_t m_since_ms = 0;
    std::string m_state;
};

Status read_transitions(StationStore& store, std::vector<CaseFacts>& cases, const Index& index,
                        const CaseFactsOptions& options) {
    TransitionWalk walk(options);
    // Orders with no transition yet still have their open span since receipt.
    std::vector<bool> walked(cases.size());
    auto read = for_each_row(store,
                             "SELECT repair_order_id, time_ms, from_state, to_state FROM audit_log "
                             "WHERE action = 'transition' ORDER BY repair_order_id, id",
                             [&](const store::Statement& row) {
                                 auto found = index.find(row.text(0));
                                 if (found == index.end()) return;
                                 walked[found->second] = true;
                                 walk.on_transition(cases[found->second], row.int64(1), row.text(2),
                                                    row.text(3));
                             });
    if (!read) return read;
    walk.finish();
    if (options.spans)
        for (std::size_t i = 0; i < cases.size(); ++i)
            if (!walked[i] && options.now_ms >= cases[i].received_ms)
                cases[i].spans.push_back({Stage::Diagnosis, cases[i].received_ms, options.now_ms});
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
    if (read) read = read_decisions(store, cases, index);
    if (read) read = read_quotes(store, cases, index);
    if (read) read = read_findings(store, cases, index);
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
