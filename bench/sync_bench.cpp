// bench/sync: a backlog of outbox events drained to the reference platform over loopback,
// beside the same batches posted by a bare HTTP client in the same run (the limit).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/logger.h"
#include "common/store/transaction.h"
#include "station/store/journal.h"
#include "station/store/station_store.h"
#include "station/sync/outbox.h"
#include "station/sync/sync_state.h"
#include "station/sync/sync_wire.h"
#include "station/sync/sync_worker.h"
#include "tools/platform/platform_server.h"
#include "tools/platform/seed_data.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

[[noreturn]] void die(const std::string& message) {
    fmt::print(stderr, "bench: {}\n", message);
    std::exit(1);
}

template <class T>
T need(rs::Result<T> result, const char* what) {
    if (!result) die(fmt::format("{}: {}", what, result.error().describe()));
    return std::move(*result);
}

void need(const rs::Status& status, const char* what) {
    if (!status) die(fmt::format("{}: {}", what, status.error().describe()));
}

// The moves of a repair order after intake, in order, as the workflow publishes them.
struct Move {
    const char* type;
    const char* from;
    const char* to;
};
constexpr Move k_moves[] = {
    {"repair_order.inspected", "received", "inspected"},
    {"repair_order.diagnosed", "inspected", "diagnosed"},
    {"repair_order.repair_started", "diagnosed", "in_repair"},
    {"repair_order.repaired", "in_repair", "qa"},
    {"repair_order.qa_passed", "qa", "ready_to_ship"},
    {"repair_order.shipped", "ready_to_ship", "shipped"},
};

// `events` events through the station's Journal: a received event per order, then its moves,
// spread over `orders` repair orders of the platform's seeded RMAs.
void seed_outbox(rs::station::StationStore& store, long events, int orders) {
    auto transaction = need(rs::store::Transaction::begin(store.db()), "begin");
    rs::station::Journal journal(store.db(), store.clock(), store.ids());
    for (long i = 0; i < events; ++i) {
        int order = static_cast<int>(i % orders);
        long step = i / orders;  // 0: received, then the moves (cycling on long runs)
        std::string aggregate = fmt::format("bench-order-{}", order);
        std::string number = fmt::format("RO-{:06}", order);
        std::string rma = fmt::format("seed-rma-{}", 27000001 + order);
        nlohmann::json payload;
        std::string type;
        if (step == 0) {
            type = "repair_order.received";
            payload = {{"repair_order", number},
                       {"rma_id", rma},
                       {"rma_number", "RMA"},
                       {"owner", "OP-0001U"},
                       {"inbound_scan", fmt::format("SF{:013}", 1402398000000LL + order)}};
        } else {
            const Move& move = k_moves[(step - 1) % std::size(k_moves)];
            type = move.type;
            payload = {{"repair_order", number}, {"rma_id", rma},          {"from", move.from},
                       {"to", move.to},          {"operator", "OP-0002S"}, {"note", "bench"}};
        }
        need(journal.publish({type, aggregate, payload}), "publish");
    }
    need(transaction.commit(), "commit");
}

struct Platform {
    std::shared_ptr<rs::platform::PlatformStore> store;
    std::unique_ptr<rs::platform::PlatformServer> server;
};

Platform start_platform(const fs::path& file, int rmas) {
    Platform platform;
    platform.store = need(rs::platform::PlatformStore::open(file.string()), "platform store");
    need(platform.store->upsert_rmas(rs::platform::generated_rmas(rmas)), "seed platform");
    rs::platform::ServerOptions options;
    options.tokens["bench-token"] = "bench-1";
    platform.server = need(rs::platform::PlatformServer::start(platform.store, options), "serve");
    return platform;
}

// The limit: the same request bodies, posted one after the other on one keep-alive connection,
// reading each answer in full and nothing more.
double bare_client(const Platform& platform, const std::vector<std::string>& bodies, long events) {
    Poco::Net::HTTPClientSession session("127.0.0.1", platform.server->port());
    auto start = Clock::now();
    for (const auto& body : bodies) {
        Poco::Net::HTTPRequest request("POST", "/v1/events", Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer bench-token");
        request.setContentType("application/json");
        request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        request.setKeepAlive(true);
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string answer;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
        if (response.getStatus() != 200)
            die("bare client: HTTP " + std::to_string(response.getStatus()));
    }
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    auto stats = need(platform.store->stats(), "stats");
    if (stats.events != events)
        die(fmt::format("bare client: the platform holds {} events, not {}", stats.events, events));
    return static_cast<double>(events) / seconds;
}

}  // namespace

int main(int argc, char** argv) {
    long events = 100'000;
    int batch = 500;
    int rounds = 2;
    int orders = 1000;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--events" && i + 1 < argc) {
            events = std::atol(argv[++i]);
        } else if (arg == "--batch" && i + 1 < argc) {
            batch = std::atoi(argv[++i]);
        } else if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::atoi(argv[++i]);
        } else {
            fmt::print(
                "usage: sync [--events N (default 100000)] [--batch N (default 500)] "
                "[--rounds N (default 2)]\n"
                "Drains N outbox events to the reference platform over loopback with the "
                "station's sync worker, beside the same batches posted by a bare HTTP client;\n"
                "each round uses fresh platform stores; the best round of each is reported.\n");
            return arg == "--help" ? 0 : 2;
        }
    }
    if (events < 1 || batch < 1 || batch > 1000 || rounds < 1) die("bad arguments");
    rs::set_log_level(rs::LogLevel::Warn);
    fs::path dir = fs::temp_directory_path() / fmt::format("rs-bench-sync-{}", getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    orders = static_cast<int>(std::min<long>(orders, events));

    double best_ours = 0, best_bare = 0;
    for (int round = 1; round <= rounds; ++round) {
        std::string station_path = (dir / fmt::format("station-{}.db", round)).string();
        auto store = need(rs::station::StationStore::open(station_path), "station store");
        auto seed_start = Clock::now();
        seed_outbox(*store, events, orders);
        fmt::print("round {}: {} events in the outbox ({:.1f} s to write)\n", round, events,
                   std::chrono::duration<double>(Clock::now() - seed_start).count());

        // The batches the worker will send, byte for byte.
        std::vector<std::string> bodies;
        std::int64_t after = 0;
        for (;;) {
            auto rows = need(rs::station::sendable_events(*store, batch, after), "read outbox");
            if (rows.empty()) break;
            after = rows.back().seq;
            bodies.push_back(rs::station::encode_batch("bench-1", rows));
        }

        Platform bare_platform = start_platform(dir / fmt::format("bare-{}.db", round), orders);
        double bare = bare_client(bare_platform, bodies, events);
        bare_platform.server->stop();

        Platform platform = start_platform(dir / fmt::format("ours-{}.db", round), orders);
        // The RMAs are the station's already: the worker's pull finds nothing new.
        need(rs::station::sync_state::set(store->db(), rs::station::sync_state::k_rma_cursor,
                                          std::to_string(orders), store->now_ms()),
             "cursor");
        rs::station::SyncConfig config;
        config.url = platform.server->url();
        config.token = "bench-token";
        config.station_id = "bench-1";
        config.batch_size = batch;
        rs::station::SyncWorker worker(station_path, config);
        auto start = Clock::now();
        auto report =
            need(worker.run({.follow = false, .give_up_after = std::chrono::seconds(10)}), "sync");
        double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        double ours = static_cast<double>(events) / seconds;
        auto stats = need(platform.store->stats(), "stats");
        if (report.accepted != events || stats.events != events)
            die(fmt::format("sync: {} accepted, the platform holds {}, expected {}",
                            report.accepted, stats.events, events));
        platform.server->stop();
        fmt::print("  station sync worker  {:>9.0f} events/s ({} batches of {})\n", ours,
                   report.batches, batch);
        fmt::print("  bare HTTP client     {:>9.0f} events/s (same request bodies)\n", bare);
        best_ours = std::max(best_ours, ours);
        best_bare = std::max(best_bare, bare);
    }
    double ratio = best_ours / best_bare;
    fmt::print(
        "best of {} rounds: ours {:.0f} events/s (target >= 10000: {}), bare {:.0f}, "
        "ratio {:.2f} (target >= 0.7: {})\n",
        rounds, best_ours, best_ours >= 10000 ? "met" : "NOT met", best_bare, ratio,
        ratio >= 0.7 ? "met" : "NOT met");
    fs::remove_all(dir);
    fmt::print("RESULT sync events_per_s={:.0f} bare_events_per_s={:.0f} ratio={:.2f}\n", best_ours,
               best_bare, ratio);
    return 0;
}
