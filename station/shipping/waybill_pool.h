// The pool of waybill numbers: numbers the platform issued to this station in advance (as
// carriers hand out ranges), so a parcel ships with a real number even while the platform is
// out of reach. The station never invents a number: an empty pool refuses to ship.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

struct WaybillBatch {
    std::string carrier;  // as labels/codes/tracking_numbers.cpp names it: "SF Express", "UPS"
    std::string batch;    // the platform's id of the answer that brought them
    std::vector<std::string> numbers;
};

// Keeps the numbers of a batch. Each must be a valid tracking number of its carrier (its check
// digit passes): one that is not refuses the whole batch and keeps nothing. A number already
// held is kept once (a repeated answer). Returns how many numbers were new.
Result<std::int64_t> add_waybills(StationStore& store, const WaybillBatch& batch);

// Takes the oldest free number of `carrier` inside the caller's open transaction: it is used
// only if that transaction commits. Refuses, saying what to do, when none is left.
Result<std::string> take_waybill_in_transaction(StationStore& store, const std::string& carrier);

// The number take_waybill_in_transaction would take now, without taking it; the same refusal
// when none is left.
Result<std::string> next_waybill(StationStore& store, const std::string& carrier);

struct WaybillLevel {
    std::string carrier;
    std::int64_t free = 0;
    std::int64_t used = 0;
};

// Free and used numbers per carrier, carriers by name.
Result<std::vector<WaybillLevel>> waybill_levels(StationStore& store);
// Free numbers of one carrier.
Result<std::int64_t> free_waybills(StationStore& store, const std::string& carrier);

}  // namespace rs::station
