// The sync API's JSON on the station's side: event batches out, results and RMA pages in.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"

namespace rs::station {

// One outbox row as stored (the payload is JSON text, sent as it is).
struct OutboxRow {
    std::int64_t seq = 0;
    std::string event_id;
    std::string type;
    std::string aggregate_id;
    std::int64_t time_ms = 0;
    std::string payload;
};

enum class EventStatus { Accepted, Duplicate, Rejected };

constexpr auto enum_names(EventStatus) {
    using enum EventStatus;
    return std::to_array<EnumName<EventStatus>>(
        {{Accepted, "accepted"}, {Duplicate, "duplicate"}, {Rejected, "rejected"}});
}

struct EventOutcome {
    std::string id;
    EventStatus status = EventStatus::Accepted;
    std::string code;    // for rejections
    std::string reason;  // for rejections
};

struct RmaPageReply {
    std::vector<nlohmann::json> rmas;
    std::string next_cursor;
    bool has_more = false;
};

// {"station_id": ..., "events": [{"id", "type", "aggregate_id", "sequence", "time", "payload"}]}
std::string encode_batch(const std::string& station_id, std::span<const OutboxRow> rows);

// The results of POST /v1/events. Anything off (not JSON, wrong shape, a status the API does not
// have, an id we did not send) is a Protocol error and nothing of the reply is used. Events the
// reply does not mention are simply not outcomes: they are sent again.
Result<std::vector<EventOutcome>> decode_results(const std::string& body,
                                                 std::span<const OutboxRow> sent);

Result<RmaPageReply> decode_rma_page(const std::string& body);

// A member that should be a string; empty when `object` is no object, or the member is absent
// or of another type (never throws: it reads what peers sent).
std::string json_text(const nlohmann::json& object, const char* name);

// "401 unauthorized: missing or unknown bearer token" from an error reply, whatever its shape.
std::string describe_error_reply(int status, const std::string& body);

}  // namespace rs::station
