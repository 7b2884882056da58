// Routes of the Parts screen (parts managers, supervisors): the catalog with its stock, stock by
// bin, and the reorder report.
#include <algorithm>

#include "inventory/catalog.h"
#include "inventory/inventory.h"
#include "inventory/ledger.h"
#include "inventory/reorder.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

ApiReply search_parts(WebContext& context, ApiRequest& request) {
    const std::string query = lower(request.query["q"]);
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto parts = inventory::list_parts(inventory);
    if (!parts) return error_reply(parts.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& part : *parts) {
        std::string haystack = lower(part.sku + " " + part.mpn + " " + part.description_en + " " +
                                     part.description_zh);
        if (!query.empty() && haystack.find(query) == std::string::npos) continue;
        auto stock = inventory::part_stock(inventory, part.id);
        if (!stock) return error_reply(stock.error());
        rows.push_back({{"sku", part.sku},
                        {"mpn", part.mpn},
                        {"description_en", part.description_en},
                        {"description_zh", part.description_zh},
                        {"unit", part.unit},
                        {"on_hand", stock->on_hand},
                        {"reserved", stock->reserved},
                        {"available", stock->available()},
                        {"reorder_point", part.reorder_point}});
    }
    return json_reply(200, {{"parts", rows}});
}

ApiReply stock_by_bin(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto balances = inventory::physical_balances(inventory, 0);
    if (!balances) return error_reply(balances.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& balance : *balances)
        rows.push_back({{"sku", balance.sku},
                        {"location", balance.location},
                        {"lot", balance.lot},
                        {"serial", balance.serial},
                        {"qty", balance.qty},
                        {"reserved", balance.reserved}});
    return json_reply(200, {{"stock", rows}});
}

ApiReply reorder(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    inventory::Inventory inventory(context.store->db(), context.store->clock());
    auto lines = inventory::reorder_report(inventory);
    if (!lines) return error_reply(lines.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& line : *lines)
        rows.push_back({{"sku", line.sku},
                        {"description", line.description},
                        {"on_hand", line.on_hand},
                        {"incoming", line.incoming},
                        {"reserved", line.reserved},
                        {"backordered", line.backordered},
                        {"position", line.position()},
                        {"reorder_point", line.reorder_point},
                        {"suggested", line.suggested}});
    return json_reply(200, {{"lines", rows}});
}

}  // namespace

void add_parts_routes(std::vector<Route>& routes) {
    routes.push_back({"GET", "/api/v1/parts", Access::Session, k_parts_roles,
                      "The parts catalog with stock on hand, reserved and available; ?q= searches",
                      search_parts});
    routes.push_back({"GET", "/api/v1/parts/stock", Access::Session, k_parts_roles,
                      "Stock by bin, lot and serial", stock_by_bin});
    routes.push_back({"GET", "/api/v1/parts/reorder", Access::Session, k_parts_roles,
                      "The reorder report: what to order to stay above each reorder point",
                      reorder});
}

}  // namespace rs::station
