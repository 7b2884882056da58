// Routes of the Station screen (supervisors): devices, sync status, people.
#include "station/people/operators.h"
#include "station/sync/sync_status.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

ApiReply list_devices(WebContext& context, ApiRequest&) {
    nlohmann::json rows = nlohmann::json::array();
    std::lock_guard lock(context.devices_mutex);
    for (const auto& [name, device] : context.devices)
        rows.push_back(device);
    return json_reply(200, {{"devices", rows}});
}

// The same facts as `station sync status`.
ApiReply sync_status(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    auto status = read_sync_status(*context.store);
    if (!status) return error_reply(status.error());
    nlohmann::json rejected = nlohmann::json::array();
    for (const auto& row : status->rejected)
        rejected.push_back({{"order", row.order_number},
                            {"type", row.type},
                            {"code", row.code},
                            {"reason", row.reason},
                            {"rejected_ms", row.rejected_ms}});
    nlohmann::json flags = nlohmann::json::array();
    for (const auto& flag : status->flags)
        flags.push_back(
            {{"order", flag.order_number}, {"kind", flag.kind}, {"detail", flag.detail}});
    return json_reply(200, {{"configured", context.config.document.contains("platform")},
                            {"pending", status->pending},
                            {"held", status->held},
                            {"oldest_pending_ms", status->oldest_pending_ms.value_or(0)},
                            {"rejected_total", status->rejected_total},
                            {"rejected", rejected},
                            {"flags", flags},
                            {"refused_rmas", status->refused_rmas.size()},
                            {"state", status->state}});
}

ApiReply list_people(WebContext& context, ApiRequest&) {
    std::lock_guard lock(context.store_mutex);
    auto people = list_operators(*context.store);
    if (!people) return error_reply(people.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& person : *people)
        rows.push_back(operator_json(person));
    return json_reply(200, {{"operators", rows}});
}

}  // namespace

void add_station_routes(std::vector<Route>& routes) {
    routes.push_back({"GET", "/api/v1/devices", Access::Session, k_supervisor_roles,
                      "The bench's scanners as the station hosts them", list_devices});
    routes.push_back({"GET", "/api/v1/sync", Access::Session, k_supervisor_roles,
                      "Sync with the platform: the facts of `station sync status`", sync_status});
    routes.push_back({"GET", "/api/v1/operators", Access::Session, k_supervisor_roles,
                      "The people of this station and their roles", list_people});
}

}  // namespace rs::station
