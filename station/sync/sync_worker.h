// SyncWorker: the loop that keeps a station in sync: pulls on a timer, pushes by size and age,
// backs off on failures. `station sync run` runs it once; `station run` in the background.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "common/store/database.h"
#include "station/app/service.h"
#include "station/sync/outbox.h"
#include "station/sync/rma_pull.h"
#include "station/sync/sync_config.h"

namespace rs::station {

struct SyncRunOptions {
    // Keep going until stop(): pull every pull_interval, push when a batch is full or its first
    // event has waited batch_age. Otherwise: pull once, push until nothing is sendable, return.
    bool follow = false;
    // Once (not following): give up after failing this long without any success (0: at the
    // first failure). Following, failures are retried for ever.
    std::chrono::milliseconds give_up_after{30000};
    // Also ends the run when it says so, asked between steps and at least every 250 ms (a
    // signal flag: a signal handler may not call stop()).
    std::function<bool()> stop_requested;
};

struct SyncRunReport {
    PullTally pulled;
    int batches = 0;
    int accepted = 0;
    int duplicate = 0;
    std::vector<RejectedEvent> rejected;
    int failures = 0;
};

class SyncWorker {
public:
    SyncWorker(std::string store_path, SyncConfig config, store::OpenOptions open_options = {})
        : m_store_path(std::move(store_path)),
          m_config(std::move(config)),
          m_open_options(open_options) {}

    // Opens its own connection to the store. Returns an error when the configuration is unusable,
    // the store fails, or (not following) the platform could not be reached in time; the error
    // says how much still waits.
    Result<SyncRunReport> run(const SyncRunOptions& options);
    // From any thread: ends run() at its next step; an HTTP exchange in flight is cut short.
    void stop();
    // Waits `pause` unless stop() comes first; false once stopped.
    bool pause_unless_stopped(std::chrono::milliseconds pause);

private:
    bool stopped();
    void sleep_until(std::chrono::steady_clock::time_point deadline);

    std::string m_store_path;
    SyncConfig m_config;
    store::OpenOptions m_open_options;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
};

// The background sync of `station run`: null when the configuration has no [platform] url.
Result<std::unique_ptr<Service>> make_sync_service(const StationConfig& config,
                                                   const std::string& store_path,
                                                   store::OpenOptions open_options = {});

}  // namespace rs::station
