// Journal: the audit row and the outbox event that go with every change, in its transaction.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

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

// An audit row as read back, with its repair order's number (empty when it names none): what
// the web UI's event stream tells about changes made anywhere (this process, the CLI, sync).
struct AuditRecord {
    std::int64_t id = 0;
    std::int64_t time_ms = 0;
    std::string operator_id;
    std::string order_number;
    std::string action;
    std::string from_state;
    std::string to_state;
};
// Rows after `after_id`, oldest first, at most `limit`.
Result<std::vector<AuditRecord>> audit_after(store::Database& database, std::int64_t after_id,
                                             int limit);
Result<std::int64_t> last_audit_id(store::Database& database);

}  // namespace rs::station
