// BenchClient: requests and the reading of the server's answers.
#include "station/bench/bench_client.h"

#include <fmt/format.h>

namespace rs::station {
namespace {

Error bench_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message), "bench"};
}

// The server's own words from an {"error": {"message": ...}} answer, else the start of the body.
std::string said(const std::string& body) {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object() &&
        parsed["error"].contains("message") && parsed["error"]["message"].is_string())
        return parsed["error"]["message"].get<std::string>();
    return body.substr(0, 200);
}

// The transport is the sync's, and its messages name the platform and [platform]: here the
// peer is the station server and the settings are [bench].
std::string in_bench_words(std::string message) {
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{"[platform]", "[bench]"},
                            {"the platform", "the server"}})
        for (auto at = message.find(from); at != std::string::npos;
             at = message.find(from, at + to.size()))
            message.replace(at, from.size(), to);
    return message;
}

}  // namespace

Result<std::unique_ptr<BenchClient>> BenchClient::create(const BenchConfig& config,
                                                         std::function<bool()> stop_requested) {
    // The sync's transport, pointed at the station server with the bench's token.
    SyncConfig transport;
    transport.url = config.server;
    transport.token = config.token;
    transport.ca_file = config.ca_file;
    transport.timeout = config.timeout;
    transport.request_deadline = config.timeout * 3;
    auto http = PlatformClient::create(transport, std::move(stop_requested));
    if (!http) return std::unexpected(http.error());
    return std::unique_ptr<BenchClient>(new BenchClient(config.server, std::move(*http)));
}

Result<nlohmann::json> BenchClient::post(const std::string& path, const nlohmann::json& body) {
    auto reply = m_http->post_json(path, body.dump());
    if (!reply)
        return std::unexpected(
            bench_error(reply.error().code, fmt::format("server {} unreachable: {}", m_server,
                                                        in_bench_words(reply.error().message))));
    if (reply->status >= 500)
        return std::unexpected(bench_error(
            ErrorCode::Io,
            fmt::format("server {} failed ({}): {}", m_server, reply->status, said(reply->body))));
    if (reply->status == 401)
        return std::unexpected(bench_error(
            ErrorCode::Invalid,
            fmt::format("server {} refused this bench's token: {}", m_server, said(reply->body))));
    if (reply->status != 200)
        return std::unexpected(
            bench_error(ErrorCode::Invalid, fmt::format("server {} refused {} ({}): {}", m_server,
                                                        path, reply->status, said(reply->body))));
    auto parsed = nlohmann::json::parse(reply->body, nullptr, false);
    if (!parsed.is_object())
        return std::unexpected(bench_error(
            ErrorCode::Protocol, fmt::format("server {} answered {} with something that is not "
                                             "a JSON object: \"{}\"",
                                             m_server, path, reply->body.substr(0, 80))));
    return parsed;
}

Result<DeliveredScan> BenchClient::deliver(const BenchScan& scan, std::int64_t waiting) {
    nlohmann::json body = bench_scan_json(scan);
    body["waiting"] = waiting;
    auto answer = post("/api/v1/bench/scans", body);
    if (!answer) return std::unexpected(answer.error());
    // Only an answer for this very scan counts as its delivery.
    auto text = [&](const char* key) -> const std::string* {
        auto found = answer->find(key);
        return found != answer->end() && found->is_string() ? found->get_ptr<const std::string*>()
                                                            : nullptr;
    };
    const std::string* id = text("id");
    const std::string* outcome = text("outcome");
    auto duplicate = answer->find("duplicate");
    if (!id || *id != scan.id || !outcome || duplicate == answer->end() || !duplicate->is_boolean())
        return std::unexpected(bench_error(
            ErrorCode::Protocol,
            fmt::format("server {} answered scan {} without its id, outcome and duplicate flag: "
                        "{}",
                        m_server, scan.id, answer->dump().substr(0, 200))));
    DeliveredScan delivered;
    delivered.duplicate = duplicate->get<bool>();
    delivered.outcome = *outcome;
    if (const std::string* message = text("message")) delivered.message = *message;
    return delivered;
}

Status BenchClient::report(std::int64_t waiting, const std::string& state) {
    auto answer = post("/api/v1/bench/status", {{"waiting", waiting}, {"state", state}});
    if (!answer) return std::unexpected(answer.error());
    return {};
}

}  // namespace rs::station
