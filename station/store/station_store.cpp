// StationStore: opening and migrating the one store file of a station.
#include "station/store/station_store.h"

#include "common/store/migrations.h"
#include "firmware/schema.h"
#include "inventory/schema.h"
#include "station/bench/bench_registry.h"
#include "station/orders/qa_schema.h"
#include "station/photos/photo_schema.h"
#include "station/printing/print_schema.h"
#include "station/returns/returns_schema.h"
#include "station/rma/satisfaction.h"
#include "station/shipping/shipping_schema.h"
#include "station/store/schema.h"
#include "station/sync/sync_schema.h"

namespace rs::station {

Result<std::unique_ptr<StationStore>> StationStore::open(const std::string& path,
                                                         const Clock& clock,
                                                         const store::OpenOptions& options) {
    auto database = store::Database::open(path, options);
    if (!database) return std::unexpected(database.error());
    if (auto applied = store::apply_migrations(*database, known_migrations()); !applied)
        return std::unexpected(applied.error());
    return std::unique_ptr<StationStore>(new StationStore(std::move(*database), clock));
}

std::vector<store::Migration> StationStore::known_migrations() {
    // In dependency order: lower layers first.
    std::vector<store::Migration> migrations = inventory::inventory_migrations();
    for (auto& migration : firmware::firmware_migrations())
        migrations.push_back(std::move(migration));
    for (auto& migration : station_migrations())
        migrations.push_back(std::move(migration));
    migrations.push_back(sync_migration());
    migrations.push_back(photo_migration());
    migrations.push_back(print_jobs_migration());
    migrations.push_back(shipping_migration());
    migrations.push_back(manifest_migration());
    migrations.push_back(returns_migration());
    migrations.push_back(qa_migration());
    migrations.push_back(satisfaction_migration());
    for (auto& migration : bench_migrations())
        migrations.push_back(std::move(migration));
    return migrations;
}

Status StationStore::start_background_checkpoints(std::chrono::milliseconds interval) {
    return m_checkpointer.start(m_database, interval);
}

}  // namespace rs::station
