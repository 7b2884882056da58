// First-contact responsibility and held cases: handing a case to another person, and a
// supervisor clearing an identity mismatch. Each with a reason, audited and published.
#pragma once

#include <string>

#include "common/error.h"
#include "station/orders/repair_orders.h"
#include "station/store/station_store.h"

namespace rs::station {

// The owner (or a supervisor) gives the case to `to_operator`, with a reason
// (`repair_order.handed_over`).
Result<RepairOrder> hand_over(StationStore& store, const std::string& order_number,
                              const std::string& to_operator, const std::string& operator_id,
                              const std::string& reason);

// A supervisor accepts the device despite its identity mismatch, with a reason; the order may
// then move past inspection (`repair_order.identity.cleared`).
Result<RepairOrder> clear_identity_flag(StationStore& store, const std::string& order_number,
                                        const std::string& operator_id, const std::string& reason);

}  // namespace rs::station
