// Routes of receiving and of repair orders: typed scans, arrivals, orders, their moves.
#include <fmt/format.h>

#include <algorithm>

#include "station/orders/arrivals.h"
#include "station/orders/intake.h"
#include "station/orders/order_cost.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"
#include "station/web/order_route.h"
#include "station/web/scan_json.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

nlohmann::json order_json(const RepairOrder& order) {
    return {{"number", order.number},
            {"rma_number", order.rma_number},
            {"state", name_of(order.state)},
            {"owner", order.owner_id},
            {"identity_status", name_of(order.identity_status)},
            {"device_identity", order.device_identity},
            {"arrival_scan", printable_code(order.arrival_scan)},
            {"created_ms", order.created_ms},
            {"updated_ms", order.updated_ms}};
}

ApiReply typed_scan(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    if (!body.is_object() || !body.contains("code") || !body["code"].is_string() ||
        body["code"].get<std::string>().empty())
        return error_reply(400, "invalid", "send {\"code\": \"what the label says\"}");
    // As on the command line, <GS> stands for the GS1 separator a keyboard cannot type.
    const std::string typed = body["code"].get<std::string>();
    std::string code;
    for (std::size_t at = 0; at < typed.size();) {
        if (typed.compare(at, 4, "<GS>") == 0) {
            code += '\x1d';
            at += 4;
        } else {
            code += typed[at++];
        }
    }
    const WebSession& session = *request.session;
    std::lock_guard lock(context.store_mutex);
    auto& intake = context.intake[session.token];
    if (!intake) {
        auto started = start_intake(*context.store, context.config, session.person.id);
        if (!started) return error_reply(started.error());
        intake = std::make_shared<IntakeSession>(std::move(*started));
    }
    auto result = intake->scan(Scan{"typed", code, "", context.store->now_ms()});
    if (!result) return error_reply(result.error());
    return json_reply(200, intake_json(*result, "typed", code));
}

ApiReply list_open_arrivals(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    auto arrivals = list_arrivals(*context.store, false);
    if (!arrivals) return error_reply(arrivals.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& arrival : *arrivals)
        rows.push_back({{"id", arrival.id},
                        {"code", printable_code(arrival.scan_text)},
                        {"kinds", arrival.kinds},
                        {"reason", arrival.reason},
                        {"operator", arrival.operator_id},
                        {"first_seen_ms", arrival.first_seen_ms},
                        {"last_seen_ms", arrival.last_seen_ms},
                        {"times_seen", arrival.times_seen}});
    return json_reply(200, {{"arrivals", rows}});
}

ApiReply list_repair_orders(WebContext& context, ApiRequest& request) {
    OrderFilter filter;
    filter.limit = 500;
    if (auto state = request.query.find("state"); state != request.query.end()) {
        auto parsed = parse_enum<OrderState>(state->second);
        if (!parsed) return error_reply(400, "invalid", "no such state: " + state->second);
        filter.state = *parsed;
    }
    bool mine = request.query.contains("mine") && request.query["mine"] != "0";
    std::lock_guard lock(context.store_mutex);
    auto orders = list_orders(*context.store, filter);
    if (!orders) return error_reply(orders.error());
    // Mine: the cases I own that are still open, the oldest first (the nearest deadline).
    std::vector<RepairOrder> shown;
    for (auto& order : *orders)
        if (!mine || (order.owner_id == request.session->person.id && !is_final(order.state)))
            shown.push_back(std::move(order));
    if (mine)
        std::sort(shown.begin(), shown.end(),
                  [](const auto& a, const auto& b) { return a.created_ms < b.created_ms; });
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& order : shown)
        rows.push_back(order_json(order));
    return json_reply(200, {{"orders", rows}});
}

// The moves from the order's state, each with whether this person's role may make it and why.
nlohmann::json moves_json(const RepairOrder& order, Role role) {
    nlohmann::json moves = nlohmann::json::array();
    for (const auto& transition : transition_table()) {
        if (transition.from != order.state) continue;
        auto allowed = check_transition(order.state, transition.to, role);
        nlohmann::json roles = nlohmann::json::array();
        for (Role who : transition.roles)
            roles.push_back(name_of(who));
        moves.push_back({{"to", name_of(transition.to)},
                         {"allowed", allowed.has_value()},
                         {"roles", roles},
                         {"why", allowed ? "" : allowed.error().message}});
    }
    return moves;
}

ApiReply show_order(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto order = find_order_by_number(*context.store, request.params["number"]);
    if (!order) return error_reply(order.error());
    if (!*order)
        return error_reply(404, "not_found", "no repair order " + request.params["number"]);
    auto history = order_history(*context.store, (*order)->id);
    if (!history) return error_reply(history.error());
    auto rma = find_rma(*context.store, (*order)->rma_id);
    if (!rma) return error_reply(rma.error());
    nlohmann::json body = order_json(**order);
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& entry : *history)
        entries.push_back({{"time_ms", entry.time_ms},
                           {"operator", entry.operator_id},
                           {"action", entry.action},
                           {"from", entry.from_state},
                           {"to", entry.to_state},
                           {"detail", nlohmann::json::parse(entry.detail, nullptr, false)}});
    body["history"] = entries;
    body["moves"] = moves_json(**order, request.session->person.role);
    auto cost = order_cost(*context.store, **order);  // parts at ledger cost plus labour
    if (!cost) return error_reply(cost.error());
    body["cost"] = cost_to_json(*cost);
    // The route in force decides which end the page offers: exchange, resale inspection.
    auto route = route_name_in_force(*context.store, (*order)->id);
    if (!route) return error_reply(route.error());
    body["route"] = route->empty() ? nlohmann::json(nullptr) : nlohmann::json(*route);
    if (*rma)
        body["rma"] = {{"number", (*rma)->number},
                       {"type", name_of((*rma)->type)},
                       {"status", name_of((*rma)->status)},
                       {"customer", (*rma)->customer_name},
                       {"model", (*rma)->product_model},
                       {"expected_serial", (*rma)->expected_serial},
                       {"expected_imei", (*rma)->expected_imei},
                       {"fault", (*rma)->fault}};
    return json_reply(200, body);
}

ApiReply move(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    if (!body.is_object() || !body.contains("to") || !body["to"].is_string() ||
        (body.contains("note") && !body["note"].is_string()))
        return error_reply(400, "invalid", "send {\"to\": \"inspected\", \"note\": \"why\"}");
    auto to = parse_enum<OrderState>(body["to"].get<std::string>());
    if (!to) return error_reply(400, "invalid", "no such state: " + body["to"].get<std::string>());
    std::lock_guard lock(context.store_mutex);
    auto order = find_order_by_number(*context.store, request.params["number"]);
    if (!order) return error_reply(order.error());
    if (!*order)
        return error_reply(404, "not_found", "no repair order " + request.params["number"]);
    // The role rule of the move itself: refused for the role is 403, with who may.
    const Role role = request.session->person.role;
    bool exists =
        std::any_of(transition_table().begin(), transition_table().end(),
                    [&](const Transition& t) { return t.from == (*order)->state && t.to == *to; });
    if (auto allowed = check_transition((*order)->state, *to, role); !allowed && exists)
        return error_reply(403, "forbidden", allowed.error().message);
    MoveRequest move_request{
        (*order)->number, *to, request.session->person.id, body.value("note", std::string()), {}};
    auto moved = move_order(*context.store, move_request);
    if (!moved) return error_reply(moved.error());
    return json_reply(200, order_json(*moved));
}

}  // namespace

void add_order_routes(std::vector<Route>& routes) {
    routes.push_back({"POST", "/api/v1/scans", Access::Session, k_receiving_roles,
                      "A code typed by hand, taken as a scan at receiving", typed_scan});
    routes.push_back({"GET", "/api/v1/arrivals", Access::Session, k_receiving_roles,
                      "Parcels that matched no RMA, still open", list_open_arrivals});
    routes.push_back({"GET",
                      "/api/v1/orders",
                      Access::Session,
                      {},
                      "Repair orders; ?state=S, ?mine=1 (mine, open, oldest first)",
                      list_repair_orders});
    routes.push_back({"GET",
                      "/api/v1/orders/{number}",
                      Access::Session,
                      {},
                      "A repair order with its RMA, history and the moves from its state",
                      show_order});
    routes.push_back({"POST",
                      "/api/v1/orders/{number}/moves",
                      Access::Session,
                      {},
                      "Move a repair order to another state (the role rules of the move apply)",
                      move});
}

}  // namespace rs::station
