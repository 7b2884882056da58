// PlatformServer: the reference platform's HTTP(S) API (docs/sync-api.md) over a PlatformStore.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "common/error.h"
#include "tools/platform/fault_injector.h"
#include "tools/platform/platform_store.h"

namespace rs::platform {

struct ServerOptions {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 0;                     // 0: any free port (see PlatformServer::port)
    std::map<std::string, std::string> tokens;  // bearer token -> station id
    std::string admin_token;                    // empty: no admin API
    std::string tls_certificate;                // PEM; with tls_key: HTTPS
    std::string tls_key;
    FaultOptions faults;
    int max_threads = 16;                          // connections served at once
    int max_batch = 1000;                          // events per POST /v1/events
    int max_page = 500;                            // RMAs per GET /v1/rmas
    std::size_t max_body_bytes = 8 * 1024 * 1024;  // events batches
    std::size_t max_photo_bytes = 16 * 1024 * 1024;
};

class PlatformServer {
public:
    // Listens before returning, so port() is ready; the store must outlive the server.
    static Result<std::unique_ptr<PlatformServer>> start(std::shared_ptr<PlatformStore> store,
                                                         const ServerOptions& options);
    ~PlatformServer();
    PlatformServer(const PlatformServer&) = delete;
    PlatformServer& operator=(const PlatformServer&) = delete;

    std::uint16_t port() const;
    // "http://127.0.0.1:8443" or "https://..."
    std::string url() const;
    std::map<std::string, std::int64_t> fault_counts() const;
    // Stops listening and closes open connections (idempotent).
    void stop();

    struct Impl;

private:
    explicit PlatformServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace rs::platform
