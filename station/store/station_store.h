// StationStore: the open store plus the clock and id generator every station write uses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/store/checkpointer.h"
#include "common/store/database.h"
#include "common/store/migrations.h"
#include "common/uuid.h"

namespace rs::station {

class StationStore {
public:
    // Opens (creating if needed) and migrates the store: every library's migrations, lower
    // layers first. Refuses a store written by a newer version.
    static Result<std::unique_ptr<StationStore>> open(const std::string& path,
                                                      const Clock& clock = SystemClock::instance(),
                                                      const store::OpenOptions& options = {});

    // Every library's migrations, lower layers first: what this program's stores are made of.
    static std::vector<store::Migration> known_migrations();

    store::Database& db() { return m_database; }
    const Clock& clock() const { return m_clock; }
    UuidGenerator& ids() { return m_ids; }
    std::int64_t now_ms() const { return m_clock.now_ms(); }

    // For long-running processes (a bench, `station run`): WAL checkpoints move to a background
    // thread so no scan's commit waits for the database file to be flushed.
    Status start_background_checkpoints(std::chrono::milliseconds interval);

private:
    StationStore(store::Database database, const Clock& clock)
        : m_database(std::move(database)), m_clock(clock), m_ids(clock) {}

    store::Database m_database;
    const Clock& m_clock;
    UuidGenerator m_ids;
    store::Checkpointer m_checkpointer;  // declared last: stops before the connection closes
};

}  // namespace rs::station
