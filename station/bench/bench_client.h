// BenchClient: the agent's side of the bench routes of the server's API, over the sync's
// HTTP(S) transport (certificate checks, deadlines). It says what the server answered, and
// refuses an answer it cannot read instead of taking it for a delivery.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "common/error.h"
#include "station/bench/bench_config.h"
#include "station/bench/scan_wire.h"
#include "station/sync/platform_client.h"

namespace rs::station {

struct DeliveredScan {
    bool duplicate = false;  // the server had it already (an earlier delivery's answer was lost)
    std::string outcome;     // "received", "lookup", "needs_sign_in", ...
    std::string message;     // what the server did, for the person at the bench
};

class BenchClient {
public:
    static Result<std::unique_ptr<BenchClient>> create(const BenchConfig& config,
                                                       std::function<bool()> stop_requested = {});

    // One scan to the server, with how many wait behind it. Errors: Io or Timeout when the
    // server cannot be reached or answers 5xx; Invalid when it refuses (a bad token: 401);
    // Protocol when its answer is not the one the API promises. Nothing is delivered then.
    Result<DeliveredScan> deliver(const BenchScan& scan, std::int64_t waiting);
    // Tells the server how the agent is (scans waiting, "delivering" or "unreachable earlier").
    Status report(std::int64_t waiting, const std::string& state);

    const std::string& server() const { return m_server; }

private:
    BenchClient(std::string server, std::unique_ptr<PlatformClient> http)
        : m_server(std::move(server)), m_http(std::move(http)) {}
    Result<nlohmann::json> post(const std::string& path, const nlohmann::json& body);

    std::string m_server;
    std::unique_ptr<PlatformClient> m_http;
};

}  // namespace rs::station
