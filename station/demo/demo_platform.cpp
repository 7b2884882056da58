// DemoPlatform: starts the reference platform in-process and drives the sync engine by hand.
#include "station/demo/demo_platform.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "station/demo/demo_rules.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"

namespace rs::cli {

void print_step(int& step, const std::string& text) {
    fmt::print("\n{:>2}. {}\n", ++step, text);
}

Result<std::unique_ptr<DemoPlatform>> DemoPlatform::start(station::StationStore& store,
                                                          const std::string& rmas_json,
                                                          const std::string& station_id,
                                                          const std::string& photos_dir) {
    std::unique_ptr<DemoPlatform> demo(new DemoPlatform);
    demo->m_dir = (std::filesystem::temp_directory_path() /
                   fmt::format("station-demo-platform-{}", ::getpid()))
                      .string();
    std::filesystem::remove_all(demo->m_dir);
    std::filesystem::create_directories(demo->m_dir);
    auto opened = platform::PlatformStore::open(demo->m_dir + "/platform.db");
    if (!opened) return std::unexpected(opened.error());
    demo->m_platform_store = std::move(*opened);
    auto document = nlohmann::json::parse(rmas_json, nullptr, false);
    if (!document.is_object() || !document.contains("rmas"))
        return fail(ErrorCode::Internal, "the demo RMAs are not {\"rmas\": [...]}", "demo");
    if (auto seeded = demo->m_platform_store->upsert_rmas(
            document["rmas"].get<std::vector<nlohmann::json>>());
        !seeded)
        return std::unexpected(seeded.error());

    const std::string token = "demo-station-token";
    platform::ServerOptions options;
    options.tokens[token] = station_id;
    auto server = platform::PlatformServer::start(demo->m_platform_store, options);
    if (!server) return std::unexpected(server.error());
    demo->m_server = std::move(*server);
    demo->m_url = demo->m_server->url();

    demo->m_config.url = demo->m_url;
    demo->m_config.token = token;
    demo->m_config.station_id = station_id;
    demo->m_config.photos_dir = photos_dir;
    auto client = station::PlatformClient::create(demo->m_config);
    if (!client) return std::unexpected(client.error());
    demo->m_client = std::move(*client);
    demo->m_engine = std::make_unique<station::SyncEngine>(store, demo->m_config, *demo->m_client);
    return demo;
}

DemoPlatform::~DemoPlatform() {
    m_engine.reset();
    m_client.reset();
    if (m_server) m_server->stop();
    m_server.reset();
    m_platform_store.reset();
    std::error_code ignored;
    if (!m_dir.empty()) std::filesystem::remove_all(m_dir, ignored);
}

Status DemoPlatform::pull(const char* indent) {
    auto pulled = m_engine->pull();
    if (!pulled) return std::unexpected(pulled.error());
    fmt::print("{}pulled {}\n", indent, pulled->summary());
    for (const auto& line : pulled->flagged)
        fmt::print("{}flagged {}\n", indent, line);
    for (const auto& line : pulled->decisions)
        fmt::print("{}{}\n", indent, line);
    return {};
}

Status DemoPlatform::top_up_waybills(const char* indent) {
    auto topped = m_engine->top_up_waybills();
    if (!topped) return std::unexpected(topped.error());
    for (const auto& top_up : *topped)
        fmt::print("{}{} {} waybill numbers\n", indent, top_up.added, top_up.carrier);
    return {};
}

Status DemoPlatform::push(const char* indent) {
    station::PushRun pushed = m_engine->push();
    if (pushed.error) return std::unexpected(*pushed.error);
    for (const auto& event : pushed.tally.rejected)
        fmt::print("{}rejected {} {}: {}\n", indent, event.order_number, event.type, event.reason);
    auto stats = m_platform_store->stats();
    if (!stats) return std::unexpected(stats.error());
    fmt::print("{}the platform accepted {} events ({} duplicates, {} rejected); it now holds {}\n",
               indent, pushed.tally.accepted, pushed.tally.duplicate, pushed.tally.rejected.size(),
               stats->events);
    return {};
}

Status run_demo_sync_steps(DemoPlatform& platform, station::StationStore& store,
                           const std::string& first_order, int& step) {
    print_step(step,
               "The station sends its events to the platform (each with its UUID, so a "
               "batch sent twice is stored once):");
    if (auto pushed = platform.push("    "); !pushed) return pushed;

    print_step(step, fmt::format("Zhao Lei diagnoses {}: the display is cracked from a drop, "
                                 "which voids the warranty, so the rules route it to a quote; "
                                 "the quote goes to the platform:",
                                 first_order));
    if (auto quoted = demo_quote_first(store, first_order); !quoted) return quoted;
    if (auto pushed = platform.push("    "); !pushed) return pushed;

    print_step(step,
               "The customer approves the quote on the platform; the next pull moves the "
               "order on:");
    if (auto decided = platform.platform_store().decide_quote("plat-rma-0001", "approved");
        !decided)
        return decided;
    if (auto pulled = platform.pull("    "); !pulled) return pulled;

    print_step(step,
               "The customer of RMA-26110003T cancels on the platform after the parcel "
               "arrived; the pull flags the order (it is kept, not deleted):");
    if (auto cancelled = platform.platform_store().cancel_rma("plat-rma-0003"); !cancelled)
        return cancelled;
    if (auto pulled = platform.pull("    "); !pulled) return pulled;

    print_step(step, "The last events go out:");
    if (auto pushed = platform.push("    "); !pushed) return pushed;
    auto left = store.db().query_one<std::int64_t>("SELECT count(*) FROM outbox");
    if (!left) return std::unexpected(left.error());
    fmt::print(
        "    {} events wait in the outbox; `station sync status` tells the same on a real "
        "bench\n",
        left->value_or(0));
    return {};
}

}  // namespace rs::cli
