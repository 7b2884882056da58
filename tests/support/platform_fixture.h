// TestPlatform: the reference platform in the test process, on one loopback port across restarts.
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>

#include "tests/support/temp_dir.h"
#include "tools/platform/platform_server.h"
#include "tools/platform/seed_data.h"

namespace rs::test {

inline constexpr const char* k_station_token = "test-station-token";

// The inbound tracking number of generated RMA n (0-based; platform::generated_rmas).
inline std::string generated_tracking(int n) {
    return fmt::format("SF{:013}", 1402398000000LL + 27000001 + n);
}

class TestPlatform {
public:
    // `rmas` generated RMAs (ids seed-rma-27000001...), served at once.
    TestPlatform(const TempDir& dir, int rmas, platform::FaultOptions faults = {},
                 std::string tls_certificate = "", std::string tls_key = "") {
        auto opened = platform::PlatformStore::open(dir.file("platform.db"));
        REQUIRE(opened);
        store = std::move(*opened);
        if (rmas > 0) REQUIRE(store->upsert_rmas(platform::generated_rmas(rmas)));
        m_options.tokens[k_station_token] = "bench-1";
        m_options.tls_certificate = std::move(tls_certificate);
        m_options.tls_key = std::move(tls_key);
        start(faults);
    }

    // Serves again on the same port (the store keeps everything), with these faults.
    void start(platform::FaultOptions faults = {}) {
        stop();
        m_options.faults = faults;
        auto started = platform::PlatformServer::start(store, m_options);
        REQUIRE(started);
        server = std::move(*started);
        m_options.port = server->port();
        m_url = server->url();
    }
    void stop() {
        if (server) server->stop();
        server.reset();
    }
    const std::string& url() const { return m_url; }
    std::uint16_t port() const { return m_options.port; }

    std::int64_t events() { return store->stats().value().events; }
    std::int64_t deliveries() { return store->stats().value().deliveries; }
    std::set<std::string> event_ids() {
        std::set<std::string> ids;
        auto deliveries = store->deliveries().value();
        for (const auto& [id, times] : deliveries)
            ids.insert(id);
        return ids;
    }

    std::shared_ptr<platform::PlatformStore> store;
    std::unique_ptr<platform::PlatformServer> server;

private:
    platform::ServerOptions m_options;
    std::string m_url;
};

}  // namespace rs::test
