// Journal: inserts into audit_log and outbox.
#include "station/store/journal.h"

namespace rs::station {

Status Journal::audit(const AuditEntry& entry) {
    auto insert = m_database.cached(
        "INSERT INTO audit_log (time_ms, operator_id, repair_order_id, action, from_state, "
        "to_state, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(m_clock.now_ms(), entry.operator_id, entry.repair_order_id, entry.action,
                        entry.from_state, entry.to_state, entry.detail.dump());
    return (*insert)->run();
}

Result<std::string> Journal::publish(const OutboxEvent& event) {
    std::string event_id = m_ids.next();
    std::int64_t now = m_clock.now_ms();
    nlohmann::json payload = event.payload;
    payload["event_id"] = event_id;
    payload["type"] = event.type;
    payload["time"] = format_utc_ms(now);
    auto insert = m_database.cached(
        "INSERT INTO outbox (event_id, type, aggregate_id, time_ms, payload) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(event_id, event.type, event.aggregate_id, now, payload.dump());
    if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
    return event_id;
}

}  // namespace rs::station
