// BenchConfig: the [bench] section of `station bench`: which server, how the agent proves which
// bench it is (its token), how it trusts the server, and where its journal lives.
#pragma once

#include <chrono>
#include <string>

#include "common/error.h"
#include "station/store/config.h"

namespace rs::station {

struct BenchConfig {
    std::string name;     // the bench's name as registered on the server (station benches add)
    std::string server;   // https://server.example:8443 (http only to a loopback address)
    std::string token;    // read from token_file (or token): Authorization: Bearer ...
    std::string ca_file;  // PEM of the CA that signed the server's certificate (https)
    std::string journal = "bench-journal.db";      // the agent's own SQLite file
    std::chrono::milliseconds timeout{5000};       // connect, send and receive, each
    std::chrono::milliseconds retry_initial{250};  // first wait after a failed delivery
    std::chrono::milliseconds retry_max{10000};    // the wait never grows past this
};

// Reads [bench]; every key is checked. Invalid, saying what to write, when the server or the
// token is missing.
Result<BenchConfig> parse_bench_config(const StationConfig& config);

}  // namespace rs::station
