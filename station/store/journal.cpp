// Journal: inserts into audit_log and outbox.
#include "station/store/journal.h"

#include <fmt/format.h>

namespace rs::station {

Status Journal::audit(const AuditEntry& entry) {
    // Every row names who acted (a person, a token, "system" or "setup"): a row that names
    // nobody is a bug in the caller, refused before it is written.
    if (entry.operator_id.empty())
        return fail(ErrorCode::Internal,
                    fmt::format("refusing an audit row ({}) that names nobody", entry.action),
                    "journal");
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

Result<std::vector<AuditRecord>> audit_after(store::Database& database, std::int64_t after_id,
                                             int limit) {
    auto query = database.cached(
        "SELECT a.id, a.time_ms, a.operator_id, COALESCE(r.number, ''), a.action, "
        "COALESCE(a.from_state, ''), COALESCE(a.to_state, '') FROM audit_log a "
        "LEFT JOIN repair_orders r ON r.id = a.repair_order_id WHERE a.id > ?1 ORDER BY a.id "
        "LIMIT ?2");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(after_id, limit);
    std::vector<AuditRecord> records;
    auto read = (*query)->each_row([&](store::RowReader row) {
        AuditRecord record;
        row.read(record.id, record.time_ms, record.operator_id, record.order_number, record.action,
                 record.from_state, record.to_state);
        records.push_back(std::move(record));
    });
    if (!read) return std::unexpected(read.error());
    return records;
}

Result<std::int64_t> last_audit_id(store::Database& database) {
    auto last = database.query_one<std::int64_t>("SELECT COALESCE(MAX(id), 0) FROM audit_log");
    if (!last) return std::unexpected(last.error());
    return last->value_or(0);
}

}  // namespace rs::station
