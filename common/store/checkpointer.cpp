// Checkpointer: the background thread running PASSIVE WAL checkpoints.
#include "common/store/checkpointer.h"

#include "common/logger.h"
#include "common/store/backend.h"
#include "common/store/database.h"

namespace rs::store {
namespace {
const Logger k_log("store.checkpoint");
}

Status Checkpointer::start(Database& writer, std::chrono::milliseconds interval) {
    if (m_thread.joinable())
        return fail(ErrorCode::Internal, "checkpointer already running", "store");
    // A WAL file to copy back is SQLite's; a PostgreSQL server checkpoints by itself.
    if (writer.engine() != Engine::Sqlite) return {};
    // Open here, not on the thread, so a failure is reported to the caller.
    auto probe = Database::open(writer.path(), OpenOptions{.create = false});
    if (!probe) return std::unexpected(probe.error());
    if (auto raised = writer.exec("PRAGMA wal_autocheckpoint = 20000"); !raised) return raised;
    m_stopping = false;
    m_thread = std::thread(&Checkpointer::run, this, writer.path(), interval);
    return {};
}

void Checkpointer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

int Checkpointer::checkpoints_done() const {
    std::lock_guard lock(m_mutex);
    return m_done;
}

void Checkpointer::run(std::string path, std::chrono::milliseconds interval) {
    auto database = Database::open(path, OpenOptions{.create = false});
    if (!database) {
        k_log.error("cannot open {} for checkpoints: {}", path, database.error().message);
        return;
    }
    for (;;) {
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, interval, [this] { return m_stopping; });
            stopping = m_stopping;
        }
        // PASSIVE: copies what no reader still needs and never waits for a lock.
        if (auto done = database->exec("PRAGMA wal_checkpoint(PASSIVE)"); !done)
            k_log.warn("checkpoint of {} failed: {}", path, done.error().message);
        {
            std::lock_guard lock(m_mutex);
            ++m_done;
        }
        if (stopping) return;
    }
}

}  // namespace rs::store
