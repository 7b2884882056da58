// Journal: the audit row and the outbox event that go with every change, in its transaction.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "common/store/database.h"
#include "common/uuid.h"

namespace rs::station {

struct AuditEntry {
    std::string operator_id;
    std::optional<std::string> repair_order_id;
    std::string action;  // "intake.received", "transition", "identity.mismatch", ...
    std::optional<std::string> from_state;
    std::optional<std::string> to_state;
    nlohmann::json detail = nlohmann::json::object();
};

struct OutboxEvent {
    std::string type;          // "repair_order.received", ...
    std::string aggregate_id;  // repair order id (or RMA id)
    nlohmann::json payload = nlohmann::json::object();
};

// Writes through the caller's open transaction; the caller commits.
class Journal {
public:
    Journal(store::Database& database, const Clock& clock, UuidGenerator& ids)
        : m_database(database), m_clock(clock), m_ids(ids) {}

    Status audit(const AuditEntry& entry);
    // Returns the event's UUID. The payload gets "event_id", "type" and "time" added.
    Result<std::string> publish(const OutboxEvent& event);

private:
    store::Database& m_database;
    const Clock& m_clock;
    UuidGenerator& m_ids;
};

}  // namespace rs::station
