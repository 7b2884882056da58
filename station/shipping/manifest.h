// End of day: the manifest of a carrier (every parcel shipped with it since its last manifest),
// printed as a list with one barcode per parcel for the driver to scan and sign, and each parcel's
// handover published; at pick-up, a parcel scanned that is on no manifest is pointed out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "labels/print/label_templates.h"
#include "station/store/station_store.h"

namespace rs::station {

struct ManifestParcel {
    std::string order_number;
    std::string tracking_number;
    std::int64_t weight_g = 0;
};

struct Manifest {
    std::string id;
    std::int64_t number = 0;
    std::string carrier;
    std::vector<ManifestParcel> parcels;   // oldest shipment first
    std::vector<std::int64_t> print_jobs;  // one page each
    std::int64_t closed_ms = 0;
};

struct ManifestRequest {
    std::string carrier;
    std::string operator_id;  // warehouse or supervisor
    std::string printer;
    labels::TemplateContext labels;
};

// Closes `carrier`'s manifest: its parcels not yet on one, a `repair_order.manifested` event per
// parcel, and its pages queued, in one transaction. Nothing to hand over is refused.
Result<Manifest> close_manifest(StationStore& store, const ManifestRequest& request);

struct ManifestRow {
    std::int64_t number = 0;
    std::string carrier;
    std::int64_t parcels = 0;
    std::int64_t closed_ms = 0;
};
// The newest manifests first, and how many parcels of each carrier wait for one (number 0).
Result<std::vector<ManifestRow>> list_manifests(StationStore& store, int limit);

// A parcel scanned at pick-up, as the manifests know it.
enum class PickupCheck {
    OnManifest,     // on a closed manifest of this carrier: it may go
    NotManifested,  // shipped, but on no manifest yet: close the manifest first
    OtherCarrier,   // on a manifest, of another carrier: the wrong truck
    Unknown,        // not a parcel this station shipped
};

struct PickupResult {
    PickupCheck check = PickupCheck::Unknown;
    std::string message;
};

// An error only when the store cannot answer: a parcel it does not know is PickupCheck::Unknown.
Result<PickupResult> check_pickup(StationStore& store, const std::string& carrier,
                                  const std::string& scanned);

}  // namespace rs::station
