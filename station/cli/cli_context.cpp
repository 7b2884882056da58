// Shared CLI plumbing: opening the store and turning errors into messages and exit codes.
#include "station/cli/cli_context.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "station/orders/policy_store.h"

namespace rs::cli {

int exit_code_for(const Error& error) {
    switch (error.code) {
        case ErrorCode::Invalid:
        case ErrorCode::NotFound:
        case ErrorCode::Conflict:
            return k_exit_bad_input;
        default:
            return k_exit_failure;
    }
}

std::string operator_or_environment(const std::string& given) {
    if (!given.empty()) return given;
    const char* from_env = std::getenv("STATION_OPERATOR");
    return from_env ? from_env : "";
}

void CliContext::report(const Error& error) {
    fmt::print(stderr, "station: {}\n", error.message);
    if (verbose) fmt::print(stderr, "  ({} in {})\n", name_of(error.code), error.where);
    exit_code = exit_code_for(error);
}

namespace {
// Loaded at most once per run: commands may ask several times.
std::optional<station::StationConfig> g_config;
}  // namespace

const station::StationConfig* CliContext::config() {
    if (!g_config) {
        auto loaded = station::load_config(config_path, !config_path.empty());
        if (!loaded) {
            report(loaded.error());
            return nullptr;
        }
        g_config = std::move(*loaded);
    }
    return &*g_config;
}

std::string CliContext::store_path() {
    if (!db_path.empty()) return db_path;
    const station::StationConfig* loaded = config();
    if (loaded && !loaded->store_path.empty()) return loaded->store_path;
    return "station.db";
}

std::unique_ptr<station::StationStore> CliContext::open_store(IfMissing if_missing) {
    const station::StationConfig* loaded = config();
    if (!loaded) return nullptr;
    std::string path = store_path();
    std::error_code ignored;
    if (if_missing == IfMissing::Refuse && !store::Database::is_server_url(path) &&
        !std::filesystem::exists(path, ignored)) {
        report({ErrorCode::NotFound,
                fmt::format("there is no store at {}: check --db (or STATION_DB, or [store] "
                            "path), or create one with `station init`",
                            path),
                "cli"});
        return nullptr;
    }
    store::OpenOptions options;
    options.synchronous_full = loaded->durable_commits;
    options.create = if_missing == IfMissing::Create;
    options.check_pages = true;
    auto store = station::StationStore::open(path, SystemClock::instance(), options);
    if (!store) {
        Error error = store.error();
        if (error.message.find("is damaged") != std::string::npos)
            error.message += fmt::format(
                ". `station restore BACKUP --db {}` puts a backup in its place and keeps the "
                "damaged file beside it (docs/backup.md)",
                path);
        report(error);
        return nullptr;
    }
    return std::move(*store);
}

Result<station::IntakeSession> start_intake(CliContext& context, station::StationStore& store,
                                            const std::string& operator_id) {
    const station::StationConfig* config = context.config();
    if (!config) return fail(ErrorCode::Invalid, "the configuration is not usable", "cli");
    return station::start_intake(store, *config, operator_id);
}

std::optional<station::Policy> policy_for(CliContext& context, station::StationStore& store) {
    const auto* config = context.config();
    if (!config) return std::nullopt;
    auto file = station::configured_policy_file(*config);
    if (!file) {
        context.report(file.error());
        return std::nullopt;
    }
    auto choice = station::current_policy(store, *file);
    if (!choice) {
        context.report(choice.error());
        return std::nullopt;
    }
    if (!choice->warning.empty()) fmt::print(stderr, "station: {}\n", choice->warning);
    return std::move(choice->policy);
}

}  // namespace rs::cli
