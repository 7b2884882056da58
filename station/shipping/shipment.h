// Shipping a repair order back: one step that takes a waybill number from the pool, queues the
// return label and the packing slip, records the shipment and moves the order to `shipped`, all
// in one transaction. A crash anywhere leaves either all of it or none of it: never a label
// without its move, never a number used twice or gone without a record.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "labels/print/label_templates.h"
#include "station/policy/policy.h"
#include "station/store/station_store.h"

namespace rs::station {

struct ShipRequest {
    std::string order_number;
    std::string operator_id;
    std::int64_t weight_g = 0;  // from the scale, or entered
    std::string printer;        // where the return label and packing slip print
    labels::TemplateContext labels;
};

struct Shipment {
    std::string order_number;
    std::string rma_number;
    std::string carrier;
    std::string service;
    std::string tracking_number;
    FreightPayer freight = FreightPayer::Center;
    std::int64_t weight_g = 0;
    nlohmann::json contents = nlohmann::json::array();
    std::int64_t label_job = 0;  // print job numbers
    std::int64_t slip_job = 0;
    std::int64_t shipped_ms = 0;
};

// Carrier, service and freight payer come from `policy`'s [shipping] for the order's route; the
// parcel's contents are the device and the accessories that came in with it (the category's
// accessories less those the diagnosis found missing).
Result<Shipment> ship_order(StationStore& store, const Policy& policy, const ShipRequest& request);

// What shipping would do now: the return label `ship_order` would print, with the number the
// pool would give it (not taken: another parcel shipped first gets it, and the label printed
// shows the one used), and the shipment it would record; its `contents` are the packing slip's
// (the same list, built by the same function), so a person can check the parcel against it.
struct ShipPreview {
    labels::Label label;
    Shipment shipment;  // no print jobs yet
};
Result<ShipPreview> preview_shipment(StationStore& store, const Policy& policy,
                                     const ShipRequest& request);

// The shipment of an order, once shipped.
Result<std::optional<Shipment>> find_shipment(StationStore& store, const std::string& order_id);

}  // namespace rs::station
