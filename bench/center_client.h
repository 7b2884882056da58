// What bench/center does as the person at one bench of the center: signed in at that bench
// through the server's API, its screen's WebSocket open (where the result of each scan the
// bench's agent delivers appears), and the order page's calls on a keep-alive connection.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/WebSocket.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace rs::bench {

struct Reply {
    int status = 0;
    nlohmann::json body;
};

class BenchScreen {
public:
    // Signs `badge` in at `bench` (badge + PIN, as the bench PC's browser does) and opens the
    // screen's WebSocket; throws with the server's words when it cannot.
    BenchScreen(std::string host, int port, const std::string& badge, const std::string& pin,
                const std::string& bench);
    ~BenchScreen();
    BenchScreen(const BenchScreen&) = delete;
    BenchScreen& operator=(const BenchScreen&) = delete;

    // The next "scan" message on the screen whose code is `code` (others are skipped), or
    // nothing within `limit`.
    std::optional<nlohmann::json> wait_for_scan(const std::string& code,
                                                std::chrono::milliseconds limit);
    // A call of the API as this person; a transport failure is status 0 with its words.
    Reply post(const std::string& path, const nlohmann::json& body);

private:
    std::string origin() const;

    std::string m_host;
    int m_port;
    std::string m_cookie;
    Poco::Net::HTTPClientSession m_api;
    std::unique_ptr<Poco::Net::HTTPClientSession> m_events_session;
    std::unique_ptr<Poco::Net::WebSocket> m_events;
};

}  // namespace rs::bench
