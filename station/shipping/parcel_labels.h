// What the labels of a parcel going back to its customer say: the return label (from the RMA's
// return address and the order, never typed by hand) and the packing slip (what is inside).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "station/orders/repair_orders.h"
#include "station/rma/rma.h"

namespace rs::station {

struct Parcel {
    std::string carrier;
    std::string service;
    std::string tracking_number;
    std::int64_t weight_g = 0;
    std::int64_t ship_ms = 0;
    nlohmann::json contents = nlohmann::json::array();  // [{item, detail}]
};

nlohmann::json address_json(const Address& address);

// The data of labels/print's "return-label" template.
nlohmann::json return_label_data(const RepairOrder& order, const Rma& rma, const Parcel& parcel);
// The data of labels/print's "packing-slip" template.
nlohmann::json packing_slip_data(const RepairOrder& order, const Rma& rma, const Parcel& parcel);

}  // namespace rs::station
