// SyncState: the sync_state table, where the sync keeps its cursor and how its last tries went.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/error.h"
#include "common/store/database.h"

namespace rs::station::sync_state {

// Keys of the sync_state table.
inline constexpr const char* k_rma_cursor = "pull.cursor";
inline constexpr const char* k_pull_ok_ms = "pull.last_ok_ms";
inline constexpr const char* k_pull_summary = "pull.last_summary";
inline constexpr const char* k_push_ok_ms = "push.last_ok_ms";
inline constexpr const char* k_push_summary = "push.last_summary";
inline constexpr const char* k_pushed_total = "push.events_total";
inline constexpr const char* k_error = "error.message";
inline constexpr const char* k_error_ms = "error.time_ms";
inline constexpr const char* k_failures = "error.failures_in_row";
inline constexpr const char* k_next_attempt_ms = "error.next_attempt_ms";
inline constexpr const char* k_nudge = "nudge";  // bumped by `station sync retry`

// Writes through the caller's transaction when there is one.
Status set(store::Database& database, const std::string& key, const std::string& value,
           std::int64_t now_ms);
Result<std::optional<std::string>> get(store::Database& database, const std::string& key);
Result<std::map<std::string, std::string>> all(store::Database& database);

}  // namespace rs::station::sync_state
