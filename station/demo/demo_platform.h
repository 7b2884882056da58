// DemoPlatform: the reference platform running inside `station demo`, and the demo's sync steps.
#pragma once

#include <memory>
#include <string>

#include "common/error.h"
#include "station/orders/order_state.h"
#include "station/store/station_store.h"
#include "station/sync/platform_client.h"
#include "station/sync/sync_config.h"
#include "station/sync/sync_engine.h"
#include "tools/platform/platform_server.h"

namespace rs::cli {

// A platform on a loopback port with its own temporary store, seeded with the demo's RMAs, and
// the station's side of the connection to it. Everything is removed when it goes away.
class DemoPlatform {
public:
    // `photos_dir`: where the demo's photos are, uploaded before the events naming them.
    static Result<std::unique_ptr<DemoPlatform>> start(station::StationStore& store,
                                                       const std::string& rmas_json,
                                                       const std::string& station_id,
                                                       const std::string& photos_dir);
    ~DemoPlatform();

    const std::string& url() const { return m_url; }
    platform::PlatformStore& platform_store() { return *m_platform_store; }
    // Pulls every page; prints what it did.
    Status pull(const char* indent);
    // Sends every sendable event; prints what the platform answered.
    Status push(const char* indent);
    // Fills the waybill pool of every carrier the policy in force ships with; prints how many.
    Status top_up_waybills(const char* indent);

private:
    DemoPlatform() = default;

    std::string m_dir;
    std::string m_url;
    std::shared_ptr<platform::PlatformStore> m_platform_store;
    std::unique_ptr<platform::PlatformServer> m_server;
    station::SyncConfig m_config;
    std::unique_ptr<station::PlatformClient> m_client;
    std::unique_ptr<station::SyncEngine> m_engine;
};

// "\n 3. text": the numbered steps of the demo.
void print_step(int& step, const std::string& text);

// The demo's closing steps with the platform: events pushed, a quote approved by the customer and
// a cancellation on the platform, each reaching the bench through the sync.
Status run_demo_sync_steps(DemoPlatform& platform, station::StationStore& store,
                           const std::string& first_order, int& step);

}  // namespace rs::cli
