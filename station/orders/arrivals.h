// Arrivals: parcels that matched no RMA expected here, kept for a person to follow up.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

enum class ArrivalStatus { Open, Resolved };

constexpr auto enum_names(ArrivalStatus) {
    using enum ArrivalStatus;
    return std::to_array<EnumName<ArrivalStatus>>({{Open, "open"}, {Resolved, "resolved"}});
}

struct Arrival {
    std::string id;
    std::string scan_text;
    std::string kinds;   // what the code grammar said, e.g. "tracking (SF Express)"
    std::string reason;  // why it was not received
    std::string operator_id;
    std::int64_t first_seen_ms = 0;
    std::int64_t last_seen_ms = 0;
    int times_seen = 0;
    ArrivalStatus status = ArrivalStatus::Open;
};

// Records an unmatched parcel, or counts another sighting of one already recorded. Runs in
// the caller's transaction. Returns the arrival as stored.
Result<Arrival> record_arrival(StationStore& store, const std::string& scan_text,
                               const std::string& kinds, const std::string& reason,
                               const std::string& operator_id);

Result<std::vector<Arrival>> list_arrivals(StationStore& store, bool include_resolved);

}  // namespace rs::station
