// ScanJournal: the bench agent's own store of what its scanners read, so that no scan is lost
// while the server is away or the agent is killed. A scan is durable in the journal before
// anything else sees it; it is marked delivered only after the server answered for it.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/store/database.h"
#include "station/bench/scan_wire.h"

namespace rs::station {

struct JournalEntry {
    std::int64_t seq = 0;  // capture order
    BenchScan scan;
};

class ScanJournal {
public:
    // Opens (creating and migrating) the journal file; commits wait for the disk (FULL).
    static Result<std::unique_ptr<ScanJournal>> open(const std::string& path);

    // Keeps the scan; durable once this returns. Returns its place in capture order.
    Result<std::int64_t> append(const BenchScan& scan);
    // The oldest scan not yet delivered (they go out in capture order).
    Result<std::optional<JournalEntry>> oldest_waiting();
    // The server answered for the scan: it is not sent again.
    Status mark_delivered(const std::string& id, const std::string& outcome,
                          std::int64_t delivered_ms);
    Result<std::int64_t> waiting_count();
    Result<std::int64_t> delivered_count();

private:
    explicit ScanJournal(store::Database database) : m_db(std::move(database)) {}

    std::mutex m_mutex;  // the capture thread appends while the delivery thread reads
    store::Database m_db;
};

}  // namespace rs::station
