// Event schemas of the sync API (docs/sync-api.md): what the platform accepts in POST /v1/events.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>

namespace rs::platform {

// Why an event is refused; `code` is one of the documented rejection codes.
struct Rejection {
    std::string code;    // invalid_envelope, unknown_type, invalid_payload, unknown_rma, ...
    std::string reason;  // for a person: which field, what was expected
};

enum class FieldType { Text, NonEmptyText, Integer, Object, Array, Bool };

struct FieldRule {
    const char* name;
    FieldType type;
    bool required;
};

// One event type: its payload fields and, for a state change, the state it moves to.
struct EventSchema {
    const char* type;
    const char* to_state;  // required value of payload "to"; null when the event is no move
    std::span<const FieldRule> fields;  // shared by a family of types (every move has these)
    std::span<const FieldRule> extra;   // this type's own
    const char* meaning;                // one line for the documentation and error messages
};

std::span<const EventSchema> event_schemas();
const EventSchema* find_event_schema(const std::string& type);

// True for a canonical lower-case UUID (8-4-4-4-12 hex digits).
bool is_canonical_uuid(const std::string& text);

// Checks the envelope (id, type, aggregate_id, sequence, time, payload) and the payload against
// the type's schema. Does not look at the store (unknown RMAs are the store's business).
std::optional<Rejection> check_event(const nlohmann::json& event);

}  // namespace rs::platform
