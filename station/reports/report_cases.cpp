// The case-level exports of the reports' facts.
#include "station/reports/report_cases.h"

#include <fmt/format.h>

#include "station/orders/order_cost.h"
#include "station/orders/repair_orders.h"
#include "station/reports/case_facts.h"
#include "station/reports/fault_pareto.h"
#include "station/reports/report_rows.h"

namespace rs::station {
namespace {

std::string optional_text(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
}

// The columns that come from the case facts and the order's cost (after the SQL ones).
Status add_facts(StationStore& store, const Policy* policy, ReportTable& table) {
    auto names = operator_names(store);
    if (!names) return std::unexpected(names.error());
    // The finding comes from the query already.
    auto cases = load_case_facts(store, {.findings = false});
    if (!cases) return std::unexpected(cases.error());
    for (std::size_t i = 0; i < cases->size(); ++i) {
        const auto& facts = (*cases)[i];
        if (i >= table.rows.size() || table.rows[i][0] != facts.number)
            return fail(ErrorCode::Internal, "the case export lost its order: " + facts.number,
                        "report");
        auto order = require_order(store, facts.number, "report");
        if (!order) return std::unexpected(order.error());
        auto cost = order_cost(store, policy, *order);
        if (!cost) return std::unexpected(cost.error());
        // The latest quote: accepted (it has a total to pay), open (or declined), or none.
        bool accepted = facts.quoted_minor.has_value();
        const char* quote = accepted ? "accepted" : facts.quote_pending_or_declined ? "open" : "";
        auto& row = table.rows[i];
        row.insert(row.end(), {(*names)[facts.technician], facts.device, facts.platform,
                               optional_text(facts.reviewed_ms), quote,
                               accepted ? optional_text(facts.approved_ms) : std::string(),
                               optional_text(facts.quoted_minor), std::to_string(cost->parts_minor),
                               std::to_string(cost->labour_minor)});
    }
    return {};
}

}  // namespace

Result<ReportTable> report_cases(StationStore& store, const Policy* policy) {
    std::string sql = fmt::format(
        "SELECT o.number, r.product_model, {}, {}, o.owner_id, o.created_ms, "
        "coalesce(a.outcome, ''), coalesce(CAST(a.finished_ms AS TEXT), ''), "
        "CASE WHEN d.id IS NULL THEN '' ELSE {} END, coalesce(CAST(d.time_ms AS TEXT), ''), "
        // The customer's rating of the case (station/rma/satisfaction.h), empty when none.
        "coalesce(CAST(r.satisfaction_rating AS TEXT), ''), r.satisfaction_comment, "
        "coalesce(CAST(r.satisfaction_rated_ms AS TEXT), '') "
        "FROM repair_orders o JOIN rmas r ON r.id = o.rma_id "
        "LEFT JOIN qa_attempts a ON a.repair_order_id = o.id AND a.attempt = 1 AND "
        "a.outcome <> 'open' "
        "LEFT JOIN diagnoses d ON d.repair_order_id = o.id AND {} "
        "ORDER BY o.seq",
        group_sql(ReportGroup::Category, ""), group_sql(ReportGroup::Route, ""), finding_sql(),
        in_force_sql());
    // The columns of the query first, then those add_facts appends.
    ReportTable table{"cases",
                      {"order", "model", "category", "route", "technician", "received_ms",
                       "first_qa", "first_qa_ms", "finding", "diagnosed_ms", "satisfaction_rating",
                       "satisfaction_comment", "rated_ms"},
                      {}};
    const std::size_t query_columns = table.columns.size();
    table.columns.insert(table.columns.end(),
                         {"technician_name", "device", "platform", "reviewed_ms", "quote",
                          "approved_ms", "quoted_minor", "parts_minor", "labour_minor"});
    auto read = for_each_row(store, sql, [&](const store::Statement& row) {
        std::vector<std::string> cells;
        for (std::size_t column = 0; column < query_columns; ++column)
            cells.push_back(row.text(static_cast<int>(column)));
        table.rows.push_back(std::move(cells));
    });
    if (!read) return std::unexpected(read.error());
    if (auto added = add_facts(store, policy, table); !added) return std::unexpected(added.error());
    return table;
}

Result<ReportTable> report_history(StationStore& store) {
    ReportTable table{"history", {"order", "time_ms", "from_state", "to_state"}, {}};
    auto read = for_each_row(
        store,
        "SELECT o.number, a.time_ms, coalesce(a.from_state, ''), a.to_state FROM audit_log a "
        "JOIN repair_orders o ON o.id = a.repair_order_id WHERE a.action = 'transition' "
        "ORDER BY a.id",
        [&](const store::Statement& row) {
            table.rows.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
        });
    if (!read) return std::unexpected(read.error());
    return table;
}

}  // namespace rs::station
