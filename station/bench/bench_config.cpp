// BenchConfig: reading [bench], refusing what the agent could not work with.
#include "station/bench/bench_config.h"

#include <fmt/format.h>

#include "station/bench/bench_registry.h"
#include "station/store/config_secret.h"

namespace rs::station {
namespace {

Error invalid(std::string message) {
    return Error{ErrorCode::Invalid, "[bench] " + std::move(message), "config"};
}

// A token travels in clear over http: only to this machine (tests, a server on the bench PC).
bool loopback_http(const std::string& url) {
    for (const char* host : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
        std::string_view prefix(host);
        if (url.rfind(prefix, 0) == 0 &&
            (url.size() == prefix.size() || url[prefix.size()] == ':' || url[prefix.size()] == '/'))
            return true;
    }
    return false;
}

}  // namespace

Result<BenchConfig> parse_bench_config(const StationConfig& config) {
    BenchConfig bench;
    const toml::table* table = config.document["bench"].as_table();
    if (!table)
        return std::unexpected(
            invalid("is missing: `station bench` needs name, server and token_file (see README, "
                    "\"Bench agents\")"));
    if (auto checked =
            check_known_keys(*table, "bench",
                             {"name", "server", "token", "token_file", "ca_file", "journal",
                              "timeout_ms", "retry_initial_ms", "retry_max_ms"});
        !checked)
        return std::unexpected(checked.error());
    auto name = config_string(*table, "bench", "name", "");
    auto server = config_string(*table, "bench", "server", "");
    auto token = config_secret(*table, "bench", "token", "token_file");
    auto ca_file = config_string(*table, "bench", "ca_file", "");
    auto journal = config_string(*table, "bench", "journal", bench.journal);
    for (const auto* text : {&name, &server, &token, &ca_file, &journal})
        if (!*text) return std::unexpected(text->error());
    if (auto checked = check_bench_name(*name); !checked)
        return std::unexpected(invalid("name: " + checked.error().message));
    bench.name = *name;
    bench.server = *server;
    while (!bench.server.empty() && bench.server.back() == '/')
        bench.server.pop_back();
    if (bench.server.empty())
        return std::unexpected(invalid("server = \"https://...\" names the station server"));
    if (bench.server.rfind("https://", 0) != 0 && !loopback_http(bench.server))
        return std::unexpected(invalid(fmt::format(
            "server {}: use https:// (plain http only to this machine: the token would travel "
            "in clear)",
            bench.server)));
    bench.token = *token;
    if (bench.token.empty())
        return std::unexpected(invalid(
            "needs the bench's token: token_file = \"/path\" holding what `station benches add "
            "NAME` printed on the server"));
    if (bench.token.find_first_of(" \t\r\n") != std::string::npos)
        return std::unexpected(invalid("the token must not contain spaces or lines"));
    bench.ca_file = *ca_file;
    if (journal->empty()) return std::unexpected(invalid("journal must name a file"));
    bench.journal = *journal;
    struct Duration {
        const char* key;
        std::chrono::milliseconds BenchConfig::*member;
        std::int64_t low, high;
    };
    static const Duration k_durations[] = {
        {"timeout_ms", &BenchConfig::timeout, 100, 600000},
        {"retry_initial_ms", &BenchConfig::retry_initial, 10, 600000},
        {"retry_max_ms", &BenchConfig::retry_max, 10, 3600000},
    };
    for (const auto& duration : k_durations) {
        auto value =
            config_integer(*table, "bench", duration.key, (bench.*duration.member).count());
        if (!value) return std::unexpected(value.error());
        if (*value < duration.low || *value > duration.high)
            return std::unexpected(invalid(fmt::format("{} = {}: give {} to {}", duration.key,
                                                       *value, duration.low, duration.high)));
        bench.*duration.member = std::chrono::milliseconds(*value);
    }
    if (bench.retry_max < bench.retry_initial)
        return std::unexpected(invalid("retry_max_ms must be at least retry_initial_ms"));
    return bench;
}

}  // namespace rs::station
