// Station configuration: a TOML file (--config), every setting with a sensible default.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"

namespace rs::station {

// What the station needs to start. Each subsystem (scanners, printers, sync, cameras) reads
// its own section from `document` through its own parse function, so this file stays small.
struct StationConfig {
    std::string source;                  // the file read, or empty when defaults only
    std::string station_id = "bench-1";  // [station] id: names this bench to the platform
    std::string store_path;              // [store] path, or [store] url (a postgresql:// URL);
                                         // empty: the command line decides
    bool durable_commits = false;        // [store] synchronous_full: survive power loss too
    std::string backup_dir;              // [store] backup_dir: `station run` backs up daily there
    int backup_keep = 7;                 // [store] backup_keep: daily backups kept
    toml::table document;                // the whole file
};

// Reads `path`; a missing file is an error only if `must_exist`. Unknown top-level sections
// are reported as errors (a typo would otherwise silently fall back to defaults).
Result<StationConfig> load_config(const std::string& path, bool must_exist);
Result<StationConfig> parse_config(const std::string& text, const std::string& source);

// Helpers for section parsers: a typed value or a clear error naming the key.
Result<std::string> config_string(const toml::table& table, const std::string& section,
                                  const char* key, const std::string& fallback);
Result<std::int64_t> config_integer(const toml::table& table, const std::string& section,
                                    const char* key, std::int64_t fallback);
Result<bool> config_bool(const toml::table& table, const std::string& section, const char* key,
                         bool fallback);
// An error naming the first key of `table` that is not in `keys`, and the keys there are: a typo
// never silently falls back to a default.
Status check_known_keys(const toml::table& table, const std::string& section,
                        std::span<const std::string_view> keys);
inline Status check_known_keys(const toml::table& table, const std::string& section,
                               std::initializer_list<std::string_view> keys) {
    return check_known_keys(table, section, std::span(keys.begin(), keys.size()));
}

}  // namespace rs::station
