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
    auto query = database.cached("SELECT value FROM sync_state WHERE key = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, key);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{(*query)->text(0)};
}

Result<std::map<std::string, std::string>> all(store::Database& database) {
    auto query = database.prepare("SELECT key, value FROM sync_state");
    if (!query) return std::unexpected(query.error());
    std::map<std::string, std::string> values;
    auto read =
        query->each_row([&](const store::Statement& row) { values[row.text(0)] = row.text(1); });
    if (!read) return std::unexpected(read.error());
    return values;
}

}  // namespace rs::station::sync_state
