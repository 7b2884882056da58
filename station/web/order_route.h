// The name of the route in force for an order, for the web's routes: the policy's `Route` enum
// and the web's `Route` (a path of the API) share the station namespace, so the order page asks
// through this header, which names neither.
#pragma once

#include <string>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

// "exchange", "return_accepted", ...; empty when no route is decided yet.
Result<std::string> route_name_in_force(StationStore& store, const std::string& order_id);

}  // namespace rs::station
