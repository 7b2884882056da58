// WebServer: the station's HTTP(S) server (Poco, with its own thread pool): the JSON API under
// /api/v1 with its checks (session, role, Origin, body size, JSON), the WebSocket of events and
// the UI's static files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/error.h"
#include "station/web/web_api.h"

namespace rs::station {

class WebServer {
public:
    // Listens before returning (port() is known); `context` must outlive the server.
    static Result<std::unique_ptr<WebServer>> start(WebContext& context);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    std::uint16_t port() const;
    std::string url() const;  // "http://127.0.0.1:8080/"
    // Stops listening, ends WebSockets and waits for every connection thread (idempotent).
    void stop();

    struct Impl;

private:
    explicit WebServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace rs::station
