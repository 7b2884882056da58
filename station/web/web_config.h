// The [web] section: where `station run` serves the web UI and API, and its limits.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "station/store/config.h"

namespace rs::station {

// [web]
// enabled = true              # false: `station run` serves no web UI
// bind = "127.0.0.1"          # beyond loopback only with certificate + key (HTTPS)
// port = 8080                 # 0: any free port (printed at start)
// certificate = "/etc/repair-station/web.pem"   # PEM; with key: HTTPS, Secure cookies
// key = "/etc/repair-station/web-key.pem"
// idle_minutes = 15           # a session unused this long is signed out
// lockout_minutes = 5         # how long five wrong PINs lock a badge
// max_body_kib = 64           # larger request bodies get 413
// max_threads = 256           # connections served at once (each WebSocket holds one; a
//                             # center's bench PC holds three: agent, page, WebSocket)
struct WebConfig {
    bool enabled = true;
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string certificate;
    std::string key;
    std::int64_t idle_ms = 15 * 60 * 1000;
    std::int64_t lockout_ms = 5 * 60 * 1000;
    std::size_t max_body_bytes = 64 * 1024;
    int max_threads = 256;

    bool https() const { return !certificate.empty(); }
};

bool is_loopback_address(const std::string& host);

// Refuses unknown keys, a bind beyond loopback without HTTPS, and half a certificate.
Result<WebConfig> parse_web_config(const StationConfig& config);

}  // namespace rs::station
