// The demo's exchange and no-reason return: a replacement unit on a shelf, taken for the
// exchange; the returned phone inspected for resale and put back on the shelf.
#pragma once

#include <string>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::cli {

// The exchange route's end: a whole unit of the customer's product is received into the demo's
// bin, then `station exchange` takes it for the order, which is packed (ready_to_ship).
Status demo_exchange(station::StationStore& store, const std::string& number,
                     const std::string& product, const char* technician);

// The no-reason return's end: `station returns inspect` grades the phone and restocks it.
Status demo_resale_inspection(station::StationStore& store, const std::string& number,
                              const std::string& product, const char* technician);

}  // namespace rs::cli
