// SyncConfig: the [platform] section: where the platform is, how to trust it, how to batch.
#pragma once

#include <chrono>
#include <string>

#include "common/error.h"
#include "station/store/config.h"

namespace rs::station {

struct SyncConfig {
    std::string url;         // https://platform.example.com (http only to a loopback address)
    std::string token;       // bearer token of this station
    std::string ca_file;     // PEM file of the CA that signed the platform's certificate
    std::string station_id;  // [station] id
    std::chrono::milliseconds timeout{10000};           // connect, send and receive, each
    std::chrono::milliseconds request_deadline{60000};  // a whole exchange, however it trickles
    int batch_size = 500;                               // events per POST /v1/events
    std::chrono::milliseconds batch_age{500};           // an event waits at most this for company
    std::chrono::milliseconds pull_interval{30000};     // GET /v1/rmas this often
    int page_size = 200;                                // RMAs per page
    std::chrono::milliseconds retry_initial{500};       // first backoff after a failure
    std::chrono::milliseconds retry_max{300000};        // backoff never grows past this
    std::string photos_dir;  // [photos] dir: photo_added events upload their photo from here

    bool enabled() const { return !url.empty(); }
};

// Reads [platform], [station] id and the [photos] dir (whose default sits next to `store_path`).
// Without a [platform] url the result is disabled (not an error); with one, a token (or
// token_file) is required and every value is checked.
Result<SyncConfig> parse_sync_config(const StationConfig& config, const std::string& store_path);

}  // namespace rs::station
