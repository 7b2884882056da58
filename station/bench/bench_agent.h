// BenchAgent: `station bench`. Hosts the bench's scanners with the device layer, keeps every
// scan in its journal first, and delivers the journal to the station server in capture order,
// each scan once, retrying with backoff while the server is away.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/uuid.h"
#include "station/bench/bench_client.h"
#include "station/bench/bench_config.h"
#include "station/bench/scan_journal.h"
#include "station/scanning/scanner_host.h"

namespace rs::station {

// Where the agent says what happens: the bench's terminal (one line each). Called from the
// agent's two threads (capture and delivery), never at once.
using BenchLine = std::function<void(const std::string& line)>;

class BenchAgent {
public:
    // Opens the journal, checks the server's address and hosts the configured scanners
    // ([scanners], as `station run` does).
    static Result<std::unique_ptr<BenchAgent>> start(const StationConfig& config,
                                                     const BenchConfig& bench, BenchLine line);
    ~BenchAgent();
    BenchAgent(const BenchAgent&) = delete;
    BenchAgent& operator=(const BenchAgent&) = delete;

    std::size_t scanner_count() const { return m_scanners.size(); }

    // Journals scans and delivers them until `stop_requested` says so (checked every 100 ms).
    // What is not delivered by then stays in the journal for the next start. An error only
    // when the journal failed: a scan that cannot be kept must stop the bench.
    Status run(const std::function<bool()>& stop_requested);

private:
    BenchAgent(BenchConfig bench, BenchLine line, std::unique_ptr<ScanJournal> journal)
        : m_bench(std::move(bench)), m_line(std::move(line)), m_journal(std::move(journal)) {}
    Status keep(const ScanEvent& event);
    void deliver_loop();
    // One delivery attempt of the oldest waiting scan; false when there was none.
    bool deliver_one(BenchClient& client, const JournalEntry& entry);
    // Until `limit`, stop, or (`until_new_scan`) a scan journalled since the last wait.
    void wait_for_work(std::chrono::milliseconds limit, bool until_new_scan);

    BenchConfig m_bench;
    BenchLine m_line;
    std::unique_ptr<ScanJournal> m_journal;
    UuidGenerator m_ids;
    EventQueue m_queue;
    ScannerHost m_scanners{m_queue};
    std::thread m_delivery;
    std::mutex m_mutex;
    std::condition_variable m_work;  // a scan was journalled, or stop
    bool m_stop = false;
    bool m_journalled = false;   // since the delivery thread last looked
    bool m_unreachable = false;  // the last attempt failed (said once per outage)
};

}  // namespace rs::station
