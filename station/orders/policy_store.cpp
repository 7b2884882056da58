// The policies table: accepted policy files by version, the newest in force.
#include "station/orders/policy_store.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/logger.h"
#include "common/sha256.h"

namespace rs::station {
namespace {
const Logger k_log("policy");
}  // namespace

Result<PolicyLoad> load_policy(StationStore& store, const std::string& text,
                               const std::string& source, const std::string& operator_id) {
    auto policy = parse_policy(text, source);
    if (!policy) return std::unexpected(policy.error());
    std::string digest = sha256_hex(text);
    auto known = store.db().query_one<std::string>("SELECT sha256 FROM policies WHERE version = ?1",
                                                   policy->version);
    if (!known) return std::unexpected(known.error());
    if (*known) {
        if (**known != digest)
            return fail(ErrorCode::Conflict,
                        fmt::format("{}: version {} is already in the store with other rules; give "
                                    "the changed file a new version (decisions name the version "
                                    "they used)",
                                    source, policy->version),
                        "policy");
        return PolicyLoad{std::move(*policy), false};
    }
    auto insert = store.db().cached(
        "INSERT INTO policies (version, sha256, source, body, loaded_ms, loaded_by) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(policy->version, digest, source, text, store.now_ms(), operator_id);
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    k_log.info("policy {} from {} is in force", policy->version, source);
    return PolicyLoad{std::move(*policy), true};
}

Result<PolicyLoad> load_policy_file(StationStore& store, const std::string& path,
                                    const std::string& operator_id) {
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return fail(ErrorCode::NotFound, fmt::format("cannot read policy file {}", path), "policy");
    std::stringstream text;
    text << file.rdbuf();
    return load_policy(store, text.str(), path, operator_id);
}

Result<std::optional<Policy>> policy_in_force(StationStore& store) {
    auto query = store.db().cached(
        "SELECT body, source FROM policies ORDER BY loaded_ms DESC, version DESC LIMIT 1");
    if (!query) return std::unexpected(query.error());
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Policy>{};
    std::string body = (*query)->text(0);
    std::string source = (*query)->text(1);
    auto policy = parse_policy(body, source);
    if (!policy) return std::unexpected(policy.error());
    return std::optional<Policy>{std::move(*policy)};
}

Result<PolicyChoice> current_policy(StationStore& store, const std::string& configured_file) {
    PolicyChoice choice;
    if (!configured_file.empty()) {
        auto loaded = load_policy_file(store, configured_file, "system");
        if (loaded) {
            choice.policy = std::move(loaded->policy);
            return choice;
        }
        choice.warning = fmt::format(
            "the configured policy was not taken, the one in force "
            "stays: {}",
            loaded.error().message);
        k_log.warn("{}", choice.warning);
    }
    auto in_force = policy_in_force(store);
    if (!in_force) return std::unexpected(in_force.error());
    if (!*in_force)
        return fail(ErrorCode::NotFound,
                    choice.warning.empty()
                        ? std::string("no policy in force: load one with `station policy load "
                                      "examples/policy.toml` or set [policy] file in the "
                                      "configuration")
                        : choice.warning,
                    "policy");
    choice.policy = std::move(**in_force);
    return choice;
}

Result<std::string> configured_policy_file(const StationConfig& config) {
    const toml::table* section = config.document["policy"].as_table();
    if (!section) return std::string{};
    if (auto checked = check_known_keys(*section, "policy", {"file"}); !checked)
        return std::unexpected(checked.error());
    auto file = config_string(*section, "policy", "file", "");
    if (!file) return std::unexpected(file.error());
    if (file->empty() || config.source.empty()) return *file;
    std::filesystem::path path(*file);
    if (path.is_relative()) path = std::filesystem::path(config.source).parent_path() / path;
    return path.string();
}

}  // namespace rs::station
