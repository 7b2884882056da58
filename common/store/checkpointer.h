// Checkpointer: copies the WAL back into the database file on its own thread and connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "common/error.h"
#include "common/store/database.h"

namespace rs::store {

// SQLite's automatic checkpoint runs inside whichever commit crosses the WAL size limit, and
// that commit then waits for the database file to be written and flushed: the slowest scans
// at a bench. With a Checkpointer the writing connection raises its automatic limit (kept only
// as a safety net) and this thread does PASSIVE checkpoints, which never block writers.
class Checkpointer {
public:
    Checkpointer() = default;
    Checkpointer(const Checkpointer&) = delete;
    Checkpointer& operator=(const Checkpointer&) = delete;
    ~Checkpointer() { stop(); }

    // Raises `writer`'s automatic limit to a safety net (about 80 MB of WAL, should this
    // thread fall behind) and checkpoints its file every `interval` on a connection of its own.
    Status start(Database& writer, std::chrono::milliseconds interval);
    // Runs a last checkpoint and joins the thread.
    void stop();

    int checkpoints_done() const;

private:
    void run(std::string path, std::chrono::milliseconds interval);

    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    int m_done = 0;
};

}  // namespace rs::store
