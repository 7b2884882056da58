// Parcel labels: the customer and the return address from the RMA, the rest from the parcel.
#include "station/shipping/parcel_labels.h"

#include <fmt/format.h>

#include "common/clock.h"

namespace rs::station {

nlohmann::json address_json(const Address& address) {
    return {{"country", address.country}, {"province", address.province},
            {"city", address.city},       {"district", address.district},
            {"street", address.street},   {"postal_code", address.postal_code}};
}

nlohmann::json return_label_data(const RepairOrder& order, const Rma& rma, const Parcel& parcel) {
    return {
        {"carrier", parcel.carrier},
        {"service", parcel.service},
        {"tracking_number", parcel.tracking_number},
        {"rma", rma.number},
        {"repair_order", order.number},
        // Printed to the gram a scale gives, in the kilograms carriers use.
        {"weight_kg", fmt::format("{:.3f}", static_cast<double>(parcel.weight_g) / 1000.0)},
        {"ship_date", format_utc_date(parcel.ship_ms)},
        {"recipient",
         {{"name", rma.customer_name},
          {"phone", rma.customer_phone},
          {"address", address_json(rma.return_address)}}},
    };
}

nlohmann::json packing_slip_data(const RepairOrder& order, const Rma& rma, const Parcel& parcel) {
    return {{"repair_order", order.number},
            {"rma", rma.number},
            {"customer", rma.customer_name},
            {"carrier", parcel.carrier},
            {"tracking_number", parcel.tracking_number},
            {"ship_date", format_utc_date(parcel.ship_ms)},
            {"contents", parcel.contents}};
}

}  // namespace rs::station
