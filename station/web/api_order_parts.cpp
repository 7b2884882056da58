// Routes of an order's parts, for the technician at any bench of a center: reserve from the one
// stockroom every bench draws on, pick (bin, then part), consume, put back. Each is one call of
// station/orders/order_parts.h, so the checks and the one-transaction bookkeeping are the same
// as `station stock reserve|pick|consume|release`.
#include "station/orders/order_parts.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

nlohmann::json line_json(const inventory::ReservationLine& line) {
    return {{"id", line.id},   {"sku", line.sku},       {"qty", line.qty},
            {"lot", line.lot}, {"serial", line.serial}, {"location", line.location}};
}

ApiReply reservations_reply(StationStore& store, const std::string& number) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto open = inventory::open_reservations(inventory, number);
    if (!open) return error_reply(open.error());
    auto used = inventory::parts_consumed(inventory, number);
    if (!used) return error_reply(used.error());
    nlohmann::json reserved = nlohmann::json::array();
    for (const auto& line : *open)
        reserved.push_back(line_json(line));
    nlohmann::json consumed = nlohmann::json::array();
    for (const auto& part : *used)
        consumed.push_back({{"sku", part.sku},
                            {"lot", part.lot},
                            {"serial", part.serial},
                            {"qty", part.qty},
                            {"unit_cost", part.unit_cost}});
    return json_reply(200, {{"order", number}, {"reserved", reserved}, {"consumed", consumed}});
}

ApiReply list_order_parts(WebContext& context, ApiRequest& request) {
    std::lock_guard lock(context.store_mutex);
    auto order = require_order(*context.store, request.params["number"], "web");
    if (!order) return error_reply(order.error());
    return reservations_reply(*context.store, order->number);
}

ApiReply reserve(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    PartsRequest parts{request.params["number"], "", 1, "", request.session->person.id};
    bool well_formed = body.is_object() && text_field(body, "sku", parts.sku) &&
                       !parts.sku.empty() && text_field(body, "serial", parts.serial) &&
                       (!body.contains("qty") || body["qty"].is_number_integer());
    if (well_formed && body.contains("qty")) parts.qty = body["qty"].get<std::int64_t>();
    if (!well_formed || parts.qty < 1)
        return error_reply(400, "invalid",
                           "send {\"sku\": \"SKU-...\", \"qty\": 1} (qty at least 1; "
                           "\"serial\" for one scanned unit)");
    std::lock_guard lock(context.store_mutex);
    auto reserved = reserve_order_parts(*context.store, parts);
    if (!reserved) return error_reply(reserved.error());
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : reserved->stock.lines)
        lines.push_back(line_json(line));
    nlohmann::json substitutes = nlohmann::json::array();
    for (const auto& offer : reserved->stock.substitutes)
        substitutes.push_back({{"sku", offer.sku}, {"available", offer.available}});
    return json_reply(200,
                      {{"order", parts.order_number},
                       {"sku", parts.sku},
                       {"reserved", reserved->stock.reserved},
                       {"backordered", reserved->stock.backordered},
                       {"lines", lines},
                       {"substitutes", substitutes},
                       {"substitute", reserved->substitute},
                       {"state", reserved->moved_to ? nlohmann::json(name_of(*reserved->moved_to))
                                                    : nlohmann::json(nullptr)}});
}

ApiReply pick(WebContext& context, ApiRequest& request) {
    std::string bin, part;
    if (!request.body.is_object() || !text_field(request.body, "bin", bin) ||
        !text_field(request.body, "part", part) || bin.empty() || part.empty())
        return error_reply(400, "invalid",
                           "send {\"bin\": \"the bin's label\", \"part\": \"the part's label\"}");
    std::lock_guard lock(context.store_mutex);
    auto line = pick_order_part(*context.store, request.params["number"], bin, part,
                                request.session->person.id);
    if (!line) return error_reply(line.error());
    return json_reply(200, line_json(*line));
}

// consume and release: a step on the whole order that answers with how many units it moved.
template <class Step>
ApiReply units_step(WebContext& context, ApiRequest& request, Step step, const char* key) {
    std::lock_guard lock(context.store_mutex);
    auto units = step(*context.store, request.params["number"], request.session->person.id);
    if (!units) return error_reply(units.error());
    return json_reply(200, {{"order", request.params["number"]}, {key, *units}});
}

ApiReply consume(WebContext& context, ApiRequest& request) {
    return units_step(context, request, consume_order_parts, "consumed");
}

ApiReply release(WebContext& context, ApiRequest& request) {
    return units_step(context, request, release_order_parts, "released");
}

}  // namespace

void add_order_parts_routes(std::vector<Route>& routes) {
    routes.push_back({"GET", "/api/v1/orders/{number}/parts", Access::Session, k_repair_roles,
                      "The order's parts: reserved or picked, and used", list_order_parts});
    routes.push_back({"POST", "/api/v1/orders/{number}/parts", Access::Session, k_repair_roles,
                      "Reserve a part for the order from the stockroom (oldest lot first; what "
                      "is short is backordered)",
                      reserve});
    routes.push_back({"POST", "/api/v1/orders/{number}/parts/pick", Access::Session, k_repair_roles,
                      "Pick a reserved part: its bin's label, then its own", pick});
    routes.push_back({"POST", "/api/v1/orders/{number}/parts/consume", Access::Session,
                      k_repair_roles, "The repair used every picked part (the order is in repair)",
                      consume});
    routes.push_back({"POST", "/api/v1/orders/{number}/parts/release", Access::Session,
                      k_repair_roles, "Put the order's parts back and cancel its backorders",
                      release});
}

}  // namespace rs::station
