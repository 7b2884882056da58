// The demo's exchange and no-reason return: a replacement unit on a shelf, taken for the
// exchange; the returned phone inspected for resale and put back on the shelf.
#pragma once

#include <string>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::cli {

// A whole unit of `product` (its part made when there is none) received onto the demo's shelf of
// whole units with `serial`: a replacement for an exchange.
Status demo_shelve_unit(station::StationStore& store, const std::string& product,
                        const std::string& serial, const char* person);

// The exchange route's end: a whole unit of the customer's product is received into the demo's
// bin, then `station exchange` takes it for the order, which is packed (ready_to_ship).
Status demo_exchange(station::StationStore& store, const std::string& number,
                     const std::string& product, const char* technician);

// The no-reason return's end: `station returns inspect` grades the phone and restocks it.
Status demo_resale_inspection(station::StationStore& store, const std::string& number,
                              const std::string& product, const char* technician);

}  // namespace rs::cli
