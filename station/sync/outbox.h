// Outbox (sync side): which events go next, and what the platform's answers do to them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/store/station_store.h"
#include "station/sync/sync_wire.h"

namespace rs::station {

// Events in send order after `after_seq`, skipping every repair order that has a rejected event
// (its later events wait behind it, so the platform sees each order's events in sequence).
Result<std::vector<OutboxRow>> sendable_events(StationStore& store, int limit,
                                               std::int64_t after_seq = 0);

struct OutboxPeek {
    int sendable = 0;                       // counted up to the limit asked
    std::optional<std::int64_t> oldest_ms;  // time of the first sendable event
};
Result<OutboxPeek> peek_sendable(StationStore& store, int limit);

struct RejectedEvent {
    std::string event_id;
    std::string type;
    std::string order_number;  // payload "repair_order", when there is one
    std::string code;
    std::string reason;
};

struct PushTally {
    int sent = 0;
    int accepted = 0;
    int duplicate = 0;
    int unanswered = 0;  // in the batch but not in the answer: sent again later
    std::vector<RejectedEvent> rejected;
    PushTally& operator+=(const PushTally& other);
    std::string summary() const;
};

// In one transaction: accepted and duplicate events leave the outbox, rejected ones are
// recorded (and stay), and the sync state notes the success.
Result<PushTally> record_outcomes(StationStore& store, std::span<const OutboxRow> sent,
                                  const std::vector<EventOutcome>& outcomes);

// The "repair_order" number in an event's stored payload ("" if it has none).
std::string order_number_of(const std::string& payload);

// Lets rejected events be sent again: all of them (`which` empty), one event (its id) or one
// repair order's (its number). Returns how many rejections were released.
Result<int> release_rejections(StationStore& store, const std::string& which);

}  // namespace rs::station
