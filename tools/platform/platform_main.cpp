// `platform`: the reference platform server for tests, demos and the platform's engineers.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/logger.h"
#include "tools/platform/platform_server.h"
#include "tools/platform/seed_data.h"

namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) {
    g_stop = true;
}

int fail_with(const std::string& message) {
    fmt::print(stderr, "platform: {}\n", message);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    using rs::platform::ServerOptions;
    ServerOptions options;
    std::string db = "platform.db";
    std::vector<std::string> stations;
    std::string seed_file;
    int seed_generated = 0;
    bool verbose = false;

    CLI::App app{
        "Reference platform: serves the sync API of docs/sync-api.md (RMAs for the repair "
        "center, events from its stations, photos) from a SQLite file, with optional fault "
        "injection. Prints `platform: listening on URL` once it serves; SIGINT/SIGTERM stop it.",
        "platform"};
    app.option_defaults()->always_capture_default();
    app.add_option("--db", db, "SQLite file of the platform (created if missing)");
    app.add_option("--bind", options.bind, "Address to listen on");
    app.add_option("--port", options.port, "Port (0: any free port, printed at start)");
    app.add_option("--station", stations,
                   "A station and its bearer token, ID=TOKEN (repeat for more stations)")
        ->required();
    app.add_option("--admin-token", options.admin_token,
                   "Token of the admin API (/admin/v1/...: add, cancel RMAs, customer decisions, "
                   "stats); none: admin API off");
    app.add_option("--seed-file", seed_file,
                   "Add the RMAs of this JSON file ({\"rmas\": [...]}, as examples/demo-rmas.json) "
                   "unless already held");
    app.add_option("--seed-generated", seed_generated,
                   "Add this many generated RMAs (Chinese addresses, SF tracking numbers) unless "
                   "already held");
    app.add_option("--tls-cert", options.tls_certificate, "PEM certificate: serve HTTPS");
    app.add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert");
    app.add_option("--error-rate", options.faults.error_rate,
                   "Fraction of API requests answered 500/502/503")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--throttle-rate", options.faults.throttle_rate,
                   "Fraction of API requests answered 429 with Retry-After")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--retry-after", options.faults.retry_after_s,
                   "Retry-After seconds of throttled answers")
        ->check(CLI::Range(0, 3600));
    app.add_option("--latency-ms", options.faults.latency_ms, "Delay before each API request")
        ->check(CLI::Range(0, 600000));
    app.add_option("--drop-after-commit-rate", options.faults.drop_after_commit_rate,
                   "Fraction of API requests done and committed, then the connection closed "
                   "without an answer")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--malformed-rate", options.faults.malformed_rate,
                   "Fraction of API requests done and committed, then answered 200 with a broken "
                   "body")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--fault-seed", options.faults.seed,
                   "Seed of the fault draws (repeatable runs)");
    app.add_flag("-v,--verbose", verbose, "Log requests and problems to stderr");
    CLI11_PARSE(app, argc, argv);
    rs::set_log_level(verbose ? rs::LogLevel::Debug : rs::LogLevel::Warn);

    for (const auto& entry : stations) {
        auto equals = entry.find('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size())
            return fail_with(fmt::format("--station {}: write it as ID=TOKEN", entry));
        options.tokens[entry.substr(equals + 1)] = entry.substr(0, equals);
    }

    auto opened = rs::platform::PlatformStore::open(db);
    if (!opened) return fail_with(opened.error().describe());
    std::shared_ptr<rs::platform::PlatformStore> store = std::move(*opened);
    if (!seed_file.empty()) {
        std::ifstream input(seed_file, std::ios::binary);
        if (!input) return fail_with("cannot read " + seed_file);
        std::stringstream text;
        text << input.rdbuf();
        auto document = nlohmann::json::parse(text.str(), nullptr, false);
        if (document.is_object() && document.contains("rmas")) document = document["rmas"];
        if (!document.is_array())
            return fail_with(seed_file + ": expected {\"rmas\": [...]} or a list of RMAs");
        if (auto seeded = store->upsert_rmas(document.get<std::vector<nlohmann::json>>(), true);
            !seeded)
            return fail_with(seed_file + ": " + seeded.error().message);
    }
    if (seed_generated > 0)
        if (auto seeded = store->upsert_rmas(rs::platform::generated_rmas(seed_generated), true);
            !seeded)
            return fail_with(seeded.error().describe());

    auto server = rs::platform::PlatformServer::start(store, options);
    if (!server) return fail_with(server.error().message);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    fmt::print("platform: listening on {}\n", (*server)->url());
    std::fflush(stdout);
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    (*server)->stop();
    fmt::print("platform: stopped\n");
    return 0;
}
