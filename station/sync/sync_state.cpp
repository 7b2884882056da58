// SyncState: upserts and reads of the sync_state key/value table.
#include "station/sync/sync_state.h"

namespace rs::station::sync_state {

Status set(store::Database& database, const std::string& key, const std::string& value,
           std::int64_t now_ms) {
    auto upsert = database.cached(
        "INSERT INTO sync_state (key, value, updated_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms");
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->bind_all(key, value, now_ms);
    return (*upsert)->run();
}

Result<std::optional<std::string>> get(store::Database& database, const std::string& key) {
    return database.query_one<std::string>("SELECT value FROM sync_state WHERE key = ?1", key);
}

Result<std::map<std::string, std::string>> all(store::Database& database) {
    auto query = database.prepare("SELECT key, value FROM sync_state");
    if (!query) return std::unexpected(query.error());
    std::map<std::string, std::string> values;
    auto read = query->each_row([&](store::RowReader row) {
        std::string key = row.text();  // read first: an assignment reads its right side first
        values[key] = row.text();
    });
    if (!read) return std::unexpected(read.error());
    return values;
}

}  // namespace rs::station::sync_state
