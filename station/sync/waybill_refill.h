// Filling the waybill pool from the platform (POST /v1/waybills, docs/sync-api.md): the numbers
// are kept before anything uses them, so a number the platform issued is either in the pool or
// was never received (the platform answers a repeated request id with the same numbers).
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "station/policy/policy.h"
#include "station/store/station_store.h"
#include "station/sync/platform_client.h"

namespace rs::station {

// Asks for `count` numbers of `carrier` and keeps them; returns how many were new. A reply that
// is not a list of valid numbers of that carrier keeps nothing and says why.
Result<std::int64_t> refill_waybills(StationStore& store, PlatformClient& client,
                                     const std::string& carrier, int count);

struct TopUp {
    std::string carrier;
    std::int64_t added = 0;
};

// Every carrier `terms` ships with whose free numbers are below terms.pool_low gets enough to
// reach twice that mark. Stops at the first failure.
Result<std::vector<TopUp>> top_up_waybills(StationStore& store, PlatformClient& client,
                                           const ShippingTerms& terms);

}  // namespace rs::station
