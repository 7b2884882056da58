// Station configuration: reading the TOML file and the common [station] and [store] sections.
#include "station/store/config.h"

#include "common/bounded_read.h"
#include "common/store/database.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace rs::station {
namespace {

// Sections some code reads. A section is added here with the code that reads it, never before:
// a section nothing reads would be accepted and silently ignored.
const std::set<std::string> k_known_sections = {"station", "store",    "scanners", "printers",
                                                "cameras", "platform", "labels",   "photos",
                                                "policy",  "web",      "bench"};

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "config"};
}

template <class T>
Result<T> typed_value(const toml::table& table, const std::string& section, const char* key,
                      T fallback, const char* type_name) {
    const toml::node* node = table.get(key);
    if (!node) return fallback;
    if (auto value = node->value<T>()) return *value;
    return std::unexpected(invalid(fmt::format("[{}] {} must be {}", section, key, type_name)));
}

}  // namespace

Result<std::string> config_string(const toml::table& table, const std::string& section,
                                  const char* key, const std::string& fallback) {
    return typed_value<std::string>(table, section, key, fallback, "a string");
}

Result<std::int64_t> config_integer(const toml::table& table, const std::string& section,
                                    const char* key, std::int64_t fallback) {
    return typed_value<std::int64_t>(table, section, key, fallback, "a whole number");
}

Result<bool> config_bool(const toml::table& table, const std::string& section, const char* key,
                         bool fallback) {
    return typed_value<bool>(table, section, key, fallback, "true or false");
}

Status check_known_keys(const toml::table& table, const std::string& section,
                        std::span<const std::string_view> keys) {
    for (const auto& [key, node] : table)
        if (std::find(keys.begin(), keys.end(), key.str()) == keys.end())
            return std::unexpected(invalid(fmt::format("[{}] has no key {}; known: {}", section,
                                                       key.str(), fmt::join(keys, ", "))));
    return {};
}

Result<StationConfig> parse_config(const std::string& text, const std::string& source) {
    StationConfig config;
    config.source = source;
    try {
        config.document = toml::parse(text, source);
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return std::unexpected(invalid(fmt::format("{} line {} column {}: {}", source, where.line,
                                                   where.column, error.description())));
    }
    for (const auto& [key, node] : config.document) {
        std::string name(key.str());
        if (!k_known_sections.contains(name))
            return std::unexpected(invalid(fmt::format("{}: unknown section [{}]", source, name)));
    }
    if (const toml::table* station = config.document["station"].as_table()) {
        if (auto checked = check_known_keys(*station, "station", {"id"}); !checked)
            return std::unexpected(checked.error());
        auto id = config_string(*station, "station", "id", config.station_id);
        if (!id) return std::unexpected(id.error());
        // Found by tests/fuzz/fuzz_config: an empty id was taken, and every batch the sync
        // sent named no station.
        if (id->find_first_not_of(" \t") == std::string::npos)
            return std::unexpected(invalid(fmt::format(
                "{}: [station] id is empty; it names this bench to the platform, e.g. \"bench-3\"",
                source)));
        config.station_id = *id;
    }
    if (const toml::table* store = config.document["store"].as_table()) {
        if (auto checked = check_known_keys(
                *store, "store", {"path", "url", "synchronous_full", "backup_dir", "backup_keep"});
            !checked)
            return std::unexpected(checked.error());
        auto path = config_string(*store, "store", "path", "");
        if (!path) return std::unexpected(path.error());
        config.store_path = *path;
        // A center's server keeps its store in PostgreSQL: `url` names the database.
        auto url = config_string(*store, "store", "url", "");
        if (!url) return std::unexpected(url.error());
        if (!url->empty()) {
            if (!store::Database::is_server_url(*url))
                return std::unexpected(invalid(fmt::format(
                    "{}: [store] url = \"{}\": give a postgresql://user@host:port/database URL "
                    "(a SQLite file is [store] path)",
                    source, *url)));
            if (!path->empty())
                return std::unexpected(invalid(
                    fmt::format("{}: [store] has both path and url: a store is either a file or a "
                                "PostgreSQL database",
                                source)));
            config.store_path = *url;
        }
        auto durable = config_bool(*store, "store", "synchronous_full", false);
        if (!durable) return std::unexpected(durable.error());
        config.durable_commits = *durable;
        auto backup_dir = config_string(*store, "store", "backup_dir", "");
        if (!backup_dir) return std::unexpected(backup_dir.error());
        config.backup_dir = *backup_dir;
        if (!config.backup_dir.empty() && store::Database::is_server_url(config.store_path))
            return std::unexpected(invalid(fmt::format(
                "{}: [store] backup_dir copies a SQLite file: back up a PostgreSQL store with "
                "pg_dump instead (docs/deployment.md, \"Backups\")",
                source)));
        auto keep = config_integer(*store, "store", "backup_keep", config.backup_keep);
        if (!keep) return std::unexpected(keep.error());
        if (*keep < 1 || *keep > 3650)
            return std::unexpected(invalid(fmt::format(
                "{}: [store] backup_keep = {}: keep 1 to 3650 daily backups", source, *keep)));
        config.backup_keep = static_cast<int>(*keep);
    }
    return config;
}

Result<StationConfig> load_config(const std::string& path, bool must_exist) {
    if (path.empty() || !std::filesystem::exists(path)) {
        if (must_exist && !path.empty())
            return std::unexpected(invalid(fmt::format("configuration file {} not found", path)));
        return StationConfig{};
    }
    auto text = read_file_bounded(path, k_longest_document, "the configuration file");
    if (!text) return std::unexpected(text.error());
    return parse_config(*text, path);
}

}  // namespace rs::station
