// The route in force, by name (see order_route.h for why it has a file of its own).
#include "station/web/order_route.h"

#include "station/orders/route_decisions.h"

namespace rs::station {

Result<std::string> route_name_in_force(StationStore& store, const std::string& order_id) {
    auto route = route_in_force(store, order_id);
    if (!route) return std::unexpected(route.error());
    return *route ? std::string(name_of((*route)->route)) : std::string();
}

}  // namespace rs::station
