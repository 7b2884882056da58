// RMA storage: import (insert or update) and the lookups intake needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/rma/rma.h"
#include "station/store/station_store.h"

namespace rs::station {

struct ImportReport {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
};

// Imports all RMAs in one transaction: all or none. An RMA already known (same platform id)
// is updated; its tracking numbers are replaced by the new list.
Result<ImportReport> import_rmas(StationStore& store, const std::vector<Rma>& rmas,
                                 const std::string& operator_id);
// The same inside the caller's open transaction (the sync stores its cursor with the RMAs).
Result<ImportReport> import_rmas_in_transaction(StationStore& store, const std::vector<Rma>& rmas,
                                                const std::string& operator_id);

Result<std::optional<Rma>> find_rma(StationStore& store, const std::string& id);
// The RMA of repair order `order_number`; NotFound, saying to pull it, when it is not here.
Result<Rma> require_rma_of(StationStore& store, const std::string& rma_id,
                           const std::string& order_number, const char* where);
Result<std::optional<Rma>> find_rma_by_number(StationStore& store, const std::string& number);
// Every RMA that expects a parcel with this tracking number (normally one).
Result<std::vector<Rma>> find_rmas_by_tracking(StationStore& store, const std::string& tracking);

}  // namespace rs::station
