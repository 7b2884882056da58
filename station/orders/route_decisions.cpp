// Route decisions: facts gathered from the store, the pure rule engine, the evidence kept.
#include "station/orders/route_decisions.h"

#include <fmt/format.h>

#include "common/clock.h"
#include "common/store/transaction.h"
#include "station/orders/diagnosis.h"
#include "station/people/operators.h"
#include "station/rma/rma_store.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

using json = nlohmann::json;

constexpr Role k_deciders[] = {Role::Technician, Role::Supervisor};

json trace_to_json(const std::vector<TraceLine>& trace) {
    json lines = json::array();
    for (const auto& line : trace)
        lines.push_back({{"rule", line.rule}, {"finding", line.finding}});
    return lines;
}

std::vector<TraceLine> trace_from_json(const json& lines) {
    std::vector<TraceLine> trace;
    if (!lines.is_array()) return trace;
    for (const auto& line : lines)
        if (line.is_object()) trace.push_back({line.value("rule", ""), line.value("finding", "")});
    return trace;
}

json date_or_null(const std::optional<std::int64_t>& ms) {
    if (!ms) return nullptr;
    return format_utc_date(*ms);
}

Result<RepairOrder> order_for(StationStore& store, const std::string& number) {
    return require_order(store, number, "decision");
}

// Owner or supervisor (rule O1), as for every move.
Status check_owner(const RepairOrder& order, const Operator& person) {
    if (person.role == Role::Supervisor || person.id == order.owner_id) return {};
    return fail(ErrorCode::Conflict,
                fmt::format("{}: rule O1 (the owner keeps the case): owned by {}; only the owner "
                            "or a supervisor decides. Who may override: a supervisor",
                            order.number, order.owner_id),
                "decision");
}

Status write_decision(StationStore& store, const RouteDecision& d) {
    auto insert = store.db().cached(
        "INSERT INTO route_decisions (id, repair_order_id, kind, route, category, policy_version, "
        "trace, facts, confirmed_by, reason, replaces, decided_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    if (!insert) return std::unexpected(insert.error());
    std::optional<std::string> replaces;
    if (!d.replaces.empty()) replaces = d.replaces;
    (*insert)->bind_all(d.id, d.order_id, d.kind, d.route, d.category, d.policy_version,
                        trace_to_json(d.trace).dump(), d.facts.dump(), d.confirmed_by, d.reason,
                        replaces, d.decided_ms);
    return (*insert)->run();
}

Status journal_decision(StationStore& store, const RepairOrder& order, const RouteDecision& d,
                        const char* event, json extra) {
    Journal journal(store.db(), store.clock(), store.ids());
    json detail = {{"route", name_of(d.route)},
                   {"policy_version", d.policy_version},
                   {"decision", d.id},
                   {"reason", d.reason}};
    if (auto audited = journal.audit(AuditEntry{d.confirmed_by, order.id,
                                                std::string("route.") + name_of(d.kind),
                                                std::nullopt, std::nullopt, detail});
        !audited)
        return audited;
    json payload = {{"repair_order", order.number},   {"rma_id", order.rma_id},
                    {"operator", d.confirmed_by},     {"route", name_of(d.route)},
                    {"category", d.category},         {"policy_version", d.policy_version},
                    {"trace", trace_to_json(d.trace)}};
    payload.update(extra);
    auto published = journal.publish(OutboxEvent{event, order.id, payload});
    if (!published) return std::unexpected(published.error());
    return {};
}

RouteDecision read_decision(store::RowReader row) {
    RouteDecision d;
    std::string trace, facts;
    std::optional<std::string> replaces;
    row.read(d.id, d.order_id, d.order_number, d.kind, d.route, d.category, d.policy_version, trace,
             facts, d.confirmed_by, d.reason, replaces, d.decided_ms);
    d.trace = trace_from_json(json::parse(trace, nullptr, false));
    d.facts = json::parse(facts, nullptr, false);
    d.replaces = replaces.value_or("");
    return d;
}

constexpr const char* k_select_decision =
    "SELECT d.id, d.repair_order_id, o.number, d.kind, d.route, d.category, d.policy_version, "
    "d.trace, d.facts, d.confirmed_by, d.reason, d.replaces, d.decided_ms "
    "FROM route_decisions d JOIN repair_orders o ON o.id = d.repair_order_id "
    "WHERE d.repair_order_id = ?1 ";

}  // namespace

json facts_to_json(const DecisionFacts& f) {
    json damage = json::array();
    for (Damage kind : f.damage)
        damage.push_back(name_of(kind));
    return {{"requested", name_of(f.requested)},
            {"platform", f.platform},
            {"category", f.declared_category},
            {"sku", f.sku},
            {"purchased", date_or_null(f.purchase_ms)},
            {"delivered", date_or_null(f.delivered_ms)},
            {"extended_warranty_until", date_or_null(f.extended_warranty_until_ms)},
            {"received", format_utc_ms(f.received_ms)},
            {"decided", format_utc_ms(f.decided_ms)},
            {"cause", f.cause ? json(name_of(*f.cause)) : json(nullptr)},
            {"damage", damage},
            {"missing_accessories", f.missing_accessories},
            {"activated", f.activated}};
}

Result<DecisionFacts> gather_facts(StationStore& store, const RepairOrder& order) {
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    if (!*rma)
        return fail(ErrorCode::NotFound,
                    fmt::format("{}: its RMA {} is not in the store", order.number, order.rma_id),
                    "decision");
    const Rma& r = **rma;
    DecisionFacts facts;
    facts.requested = r.type;
    facts.platform = r.platform;
    facts.declared_category = r.category;
    facts.sku = r.product_sku;
    facts.purchase_ms = r.purchase_date_ms;
    facts.delivered_ms = r.delivered_ms;
    facts.extended_warranty_until_ms = r.extended_warranty_until_ms;
    facts.received_ms = order.created_ms;
    facts.decided_ms = store.now_ms();
    auto diagnosis = latest_diagnosis(store, order.id);
    if (!diagnosis) return std::unexpected(diagnosis.error());
    if (*diagnosis) {
        facts.cause = (*diagnosis)->cause;
        facts.damage = (*diagnosis)->damage;
        facts.missing_accessories = (*diagnosis)->missing_accessories;
        facts.activated = (*diagnosis)->activated;
    }
    return facts;
}

Result<RouteDecision> decide_order(StationStore& store, const Policy& policy,
                                   const std::string& order_number,
                                   const std::string& operator_id) {
    auto person = require_operator(store, operator_id, k_deciders, "decision");
    if (!person) return std::unexpected(person.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = order_for(store, order_number);
    if (!order) return std::unexpected(order.error());
    if (auto owner = check_owner(*order, *person); !owner) return std::unexpected(owner.error());
    if (order->state != OrderState::Inspected && order->state != OrderState::Diagnosed)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: a route is decided at inspection or diagnosis",
                                order->number, name_of(order->state)),
                    "decision");
    auto facts = gather_facts(store, *order);
    if (!facts) return std::unexpected(facts.error());
    auto decided = decide_route(policy, *facts);
    if (!decided) return std::unexpected(decided.error());

    RouteDecision d;
    d.id = store.ids().next();
    d.order_id = order->id;
    d.order_number = order->number;
    d.kind = DecisionKind::Computed;
    d.route = decided->route;
    d.category = decided->category;
    d.policy_version = decided->policy_version;
    d.trace = decided->trace;
    d.facts = facts_to_json(*facts);
    d.confirmed_by = person->id;
    d.decided_ms = facts->decided_ms;
    if (auto written = write_decision(store, d); !written) return std::unexpected(written.error());
    json extra = {{"kind", "computed"},
                  {"review_by", day_text(decided->review_by)},
                  {"carrier_claim", decided->carrier_claim},
                  {"reasons", decided->refusal_reasons}};
    if (auto journaled = journal_decision(store, *order, d, "repair_order.route_decided", extra);
        !journaled)
        return std::unexpected(journaled.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return d;
}

Result<RouteDecision> override_route(StationStore& store, const std::string& order_number,
                                     Route route, const std::string& operator_id,
                                     const std::string& reason) {
    constexpr Role k_supervisor[] = {Role::Supervisor};
    auto person = require_operator(store, operator_id, k_supervisor, "decision");
    if (!person) return std::unexpected(person.error());
    if (reason.empty())
        return fail(ErrorCode::Invalid, "an override needs a reason (--reason), kept in the trace",
                    "decision");
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto order = order_for(store, order_number);
    if (!order) return std::unexpected(order.error());
    auto current = route_in_force(store, order->id);
    if (!current) return std::unexpected(current.error());

    RouteDecision d;
    d.id = store.ids().next();
    d.order_id = order->id;
    d.order_number = order->number;
    d.kind = DecisionKind::Override;
    d.route = route;
    d.confirmed_by = person->id;
    d.reason = reason;
    d.decided_ms = store.now_ms();
    if (*current) {
        // The original stays in the trace, then the override.
        d.category = (*current)->category;
        d.policy_version = (*current)->policy_version;
        d.trace = (*current)->trace;
        d.facts = (*current)->facts;
        d.replaces = (*current)->id;
    } else {
        d.policy_version = "(none)";
    }
    d.trace.push_back(
        {"OV", fmt::format("overridden by supervisor {} on {}: route {} -> {}; reason: {}",
                           person->id, format_utc_ms(d.decided_ms),
                           *current ? name_of((*current)->route) : "(none decided)", name_of(route),
                           reason)});
    if (auto written = write_decision(store, d); !written) return std::unexpected(written.error());
    json extra = {{"kind", "override"},
                  {"reason", reason},
                  {"replaced_route", *current ? json(name_of((*current)->route)) : json(nullptr)}};
    if (auto journaled = journal_decision(store, *order, d, "repair_order.route_overridden", extra);
        !journaled)
        return std::unexpected(journaled.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return d;
}

Result<std::optional<RouteDecision>> route_in_force(StationStore& store,
                                                    const std::string& order_id) {
    auto query = store.db().cached(std::string(k_select_decision) +
                                   "ORDER BY d.decided_ms DESC, d.id DESC LIMIT 1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<RouteDecision>{};
    return std::optional<RouteDecision>{read_decision(**query)};
}

Result<std::vector<RouteDecision>> route_history(StationStore& store, const std::string& order_id) {
    auto query = store.db().cached(std::string(k_select_decision) + "ORDER BY d.decided_ms, d.id");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_id);
    std::vector<RouteDecision> decisions;
    auto read =
        (*query)->each_row([&](store::RowReader row) { decisions.push_back(read_decision(row)); });
    if (!read) return std::unexpected(read.error());
    return decisions;
}

json decision_to_json(const RouteDecision& d) {
    return {{"id", d.id},
            {"repair_order", d.order_number},
            {"kind", name_of(d.kind)},
            {"route", name_of(d.route)},
            {"category", d.category},
            {"policy_version", d.policy_version},
            {"trace", trace_to_json(d.trace)},
            {"facts", d.facts},
            {"confirmed_by", d.confirmed_by},
            {"reason", d.reason},
            {"replaces", d.replaces},
            {"decided", format_utc_ms(d.decided_ms)}};
}

Result<std::string> order_category(StationStore& store, const RepairOrder& order,
                                   const Policy& policy) {
    auto route = route_in_force(store, order.id);
    if (!route) return std::unexpected(route.error());
    if (*route && !(*route)->category.empty()) return (*route)->category;
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    if (*rma)
        if (const auto* category = policy.category_for((*rma)->category, (*rma)->product_sku))
            return category->name;
    return std::string();
}

}  // namespace rs::station
