// SyncStatus: everything `station sync status` shows, read from the store in one go.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/shipping/waybill_pool.h"
#include "station/store/station_store.h"

namespace rs::station {

struct RejectionRow {
    std::string event_id;
    std::string type;
    std::string order_number;
    std::string code;
    std::string reason;
    std::int64_t rejected_ms = 0;
};

struct FlagRow {
    std::string order_number;
    std::string kind;
    std::string detail;
    std::int64_t raised_ms = 0;
};

struct RefusedRmaRow {
    std::string rma_id;
    std::string number;
    std::string reason;
    std::int64_t seen_ms = 0;
};

struct SyncStatus {
    std::int64_t pending = 0;  // events in the outbox
    std::int64_t held = 0;     // of them: rejected, or waiting behind a rejected one
    std::optional<std::int64_t> oldest_pending_ms;  // of the events not held
    std::int64_t rejected_total = 0;
    std::vector<RejectionRow> rejected;  // the first 20
    std::vector<FlagRow> flags;
    std::vector<RefusedRmaRow> refused_rmas;
    std::map<std::string, std::string> state;  // the sync_state table
    // The waybill pool of every carrier the policy in force ships with (and any other held),
    // and the mark below which a carrier's pool is low.
    std::vector<WaybillLevel> waybills;
    std::int64_t waybill_low = 0;

    std::int64_t state_int(const std::string& key) const;  // 0 when absent
    std::string state_text(const std::string& key) const;  // "" when absent
};

Result<SyncStatus> read_sync_status(StationStore& store);

}  // namespace rs::station
