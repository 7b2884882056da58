// SyncConfig: reading and checking the [platform] section.
#include "station/sync/sync_config.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "station/photos/camera_config.h"

namespace rs::station {
namespace {

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, std::move(message), "config"};
}

// A whole number of milliseconds within [low, high], or an error naming the key.
Result<std::chrono::milliseconds> milliseconds(const toml::table& table, const char* key,
                                               std::chrono::milliseconds fallback, std::int64_t low,
                                               std::int64_t high) {
    auto value = config_integer(table, "platform", key, fallback.count());
    if (!value) return std::unexpected(value.error());
    if (*value < low || *value > high)
        return std::unexpected(
            invalid(fmt::format("[platform] {} must be between {} and {}", key, low, high)));
    return std::chrono::milliseconds(*value);
}

std::string trimmed(std::string text) {
    auto end = text.find_last_not_of(" \t\r\n");
    text.erase(end == std::string::npos ? 0 : end + 1);
    auto begin = text.find_first_not_of(" \t\r\n");
    return begin == std::string::npos ? "" : text.substr(begin);
}

bool loopback_host(const std::string& url) {
    for (const char* prefix :
         {"http://127.", "http://localhost:", "http://localhost/", "http://[::1]"})
        if (url.rfind(prefix, 0) == 0) return true;
    return url == "http://localhost";
}

}  // namespace

Result<SyncConfig> parse_sync_config(const StationConfig& config, const std::string& store_path) {
    SyncConfig sync;
    sync.station_id = config.station_id;
    auto photos = parse_photos_config(config, store_path);
    if (!photos) return std::unexpected(photos.error());
    sync.photos_dir = photos->dir;
    const toml::table* table = config.document["platform"].as_table();
    if (!table) return sync;

    auto url = config_string(*table, "platform", "url", "");
    if (!url) return std::unexpected(url.error());
    sync.url = *url;
    while (!sync.url.empty() && sync.url.back() == '/')
        sync.url.pop_back();
    if (sync.url.empty()) return sync;
    if (sync.url.rfind("https://", 0) != 0 && !loopback_host(sync.url))
        return std::unexpected(invalid(fmt::format(
            "[platform] url {} must start with https:// (plain http is allowed only to a "
            "loopback address such as http://127.0.0.1:8080, for tests and demos)",
            sync.url)));

    auto token = config_string(*table, "platform", "token", "");
    if (!token) return std::unexpected(token.error());
    auto token_file = config_string(*table, "platform", "token_file", "");
    if (!token_file) return std::unexpected(token_file.error());
    if (!token->empty() && !token_file->empty())
        return std::unexpected(invalid("[platform] give token or token_file, not both"));
    sync.token = *token;
    if (!token_file->empty()) {
        std::ifstream file(*token_file, std::ios::binary);
        if (!file)
            return std::unexpected(
                invalid(fmt::format("[platform] token_file {} cannot be read", *token_file)));
        std::stringstream text;
        text << file.rdbuf();
        sync.token = trimmed(text.str());
    }
    if (sync.token.empty())
        return std::unexpected(
            invalid("[platform] needs the station's bearer token: token = \"...\" or token_file = "
                    "\"/path/to/token\""));
    if (sync.token.find_first_of(" \t\r\n") != std::string::npos)
        return std::unexpected(invalid("[platform] the token must not contain spaces or lines"));

    auto ca_file = config_string(*table, "platform", "ca_file", "");
    if (!ca_file) return std::unexpected(ca_file.error());
    sync.ca_file = *ca_file;

    struct Duration {
        const char* key;
        std::chrono::milliseconds SyncConfig::*member;
        std::int64_t low, high;
    };
    static const Duration k_durations[] = {
        {"timeout_ms", &SyncConfig::timeout, 100, 600000},
        {"batch_age_ms", &SyncConfig::batch_age, 0, 3600000},
        {"pull_interval_ms", &SyncConfig::pull_interval, 100, 86400000},
        {"retry_initial_ms", &SyncConfig::retry_initial, 10, 3600000},
        {"retry_max_ms", &SyncConfig::retry_max, 10, 86400000},
    };
    for (const auto& duration : k_durations) {
        auto value =
            milliseconds(*table, duration.key, sync.*duration.member, duration.low, duration.high);
        if (!value) return std::unexpected(value.error());
        sync.*duration.member = *value;
    }
    if (sync.retry_max < sync.retry_initial)
        return std::unexpected(
            invalid("[platform] retry_max_ms must not be smaller than retry_initial_ms"));

    auto batch = config_integer(*table, "platform", "batch_size", sync.batch_size);
    if (!batch) return std::unexpected(batch.error());
    if (*batch < 1 || *batch > 1000)
        return std::unexpected(invalid(
            "[platform] batch_size must be between 1 and 1000 (the API's limit per batch)"));
    sync.batch_size = static_cast<int>(*batch);
    auto page = config_integer(*table, "platform", "page_size", sync.page_size);
    if (!page) return std::unexpected(page.error());
    if (*page < 1 || *page > 500)
        return std::unexpected(invalid("[platform] page_size must be between 1 and 500"));
    sync.page_size = static_cast<int>(*page);

    if (auto checked = check_known_keys(
            *table, "platform",
            {"url", "token", "token_file", "ca_file", "timeout_ms", "batch_size", "batch_age_ms",
             "pull_interval_ms", "page_size", "retry_initial_ms", "retry_max_ms"});
        !checked)
        return std::unexpected(checked.error());
    return sync;
}

}  // namespace rs::station
