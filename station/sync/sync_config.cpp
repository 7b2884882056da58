// SyncConfig: reading and checking the [platform] section.
#include "station/sync/sync_config.h"

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HostEntry.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>

#include <cstdlib>

#include "station/photos/camera_config.h"
#include "station/store/config_secret.h"

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

// Plain HTTP sends the token in clear, so it may only go to this machine: the URL is parsed (a
// prefix test would pass http://localhost:1@evil.example), may carry no user part, and every
// address its host resolves to must be a loopback address.
Status check_plain_http_target(const std::string& url) {
    auto refuse = [&](const std::string& why) {
        return std::unexpected(invalid(fmt::format(
            "[platform] url {} must start with https:// (plain http is allowed only to a "
            "loopback address such as http://127.0.0.1:8080, for tests and demos; {})",
            url, why)));
    };
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& error) {
        return refuse("it cannot be read as a URL: " + error.message());
    }
    if (!uri.getUserInfo().empty()) return refuse("a user part before @ is not allowed");
    if (uri.getHost().empty()) return refuse("it names no host");
    std::vector<Poco::Net::IPAddress> addresses;
    Poco::Net::IPAddress literal;
    if (Poco::Net::IPAddress::tryParse(uri.getHost(), literal)) {
        addresses.push_back(literal);
    } else {
        try {
            addresses = Poco::Net::DNS::hostByName(uri.getHost()).addresses();
        } catch (const Poco::Exception& error) {
            return refuse(
                fmt::format("its host {} cannot be resolved: {}", uri.getHost(), error.message()));
        }
    }
    if (addresses.empty()) return refuse(fmt::format("its host {} has no address", uri.getHost()));
    for (const auto& address : addresses)
        if (!address.isLoopback())
            return refuse(fmt::format("its host {} is at {}, not this machine", uri.getHost(),
                                      address.toString()));
    return {};
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
    if (sync.url.rfind("https://", 0) != 0)
        if (auto allowed = check_plain_http_target(sync.url); !allowed)
            return std::unexpected(allowed.error());

    auto token = config_secret(*table, "platform", "token", "token_file");
    if (!token) return std::unexpected(token.error());
    sync.token = *token;
    // The environment is the other place a service manager puts secrets (systemd's
    // LoadCredential / Environment=): used when the configuration names no token.
    if (sync.token.empty() && !table->contains("token_file"))
        if (const char* from_environment = std::getenv("STATION_PLATFORM_TOKEN"))
            sync.token = trimmed(from_environment);
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
        {"request_deadline_ms", &SyncConfig::request_deadline, 100, 3600000},
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
    if (!table->contains("request_deadline_ms"))
        sync.request_deadline = std::max(sync.request_deadline, sync.timeout);
    if (sync.request_deadline < sync.timeout)
        return std::unexpected(
            invalid("[platform] request_deadline_ms must not be smaller than timeout_ms"));
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

    if (auto checked =
            check_known_keys(*table, "platform",
                             {"url", "token", "token_file", "ca_file", "timeout_ms",
                              "request_deadline_ms", "batch_size", "batch_age_ms",
                              "pull_interval_ms", "page_size", "retry_initial_ms", "retry_max_ms"});
        !checked)
        return std::unexpected(checked.error());
    return sync;
}

}  // namespace rs::station
