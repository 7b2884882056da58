// ScanReceipts: the server's record of each scan a bench agent delivered, by the scan's id, so a
// scan delivered twice is applied once and the second delivery gets the first answer again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "station/store/station_store.h"

namespace rs::station {

struct ScanReceipt {
    std::string scan_id;
    std::string bench;
    std::int64_t captured_ms = 0;
    std::string source;
    std::string outcome;  // "received", "lookup", "needs_sign_in", ...
    std::string reply;    // the JSON answer the agent got
};

// The answer given when `scan_id` was delivered before; nullopt when it is new.
Result<std::optional<std::string>> delivered_reply(StationStore& store, const std::string& scan_id);

// Records the receipt. Call it inside the transaction of what the scan did, so both are there or
// neither. Conflict when the id is recorded already (another delivery won a race).
Status record_receipt(StationStore& store, const ScanReceipt& receipt);

}  // namespace rs::station
