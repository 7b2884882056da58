// SyncLock: one sync per store at a time, across processes.
#pragma once

#include <string>
#include <utility>

#include "common/error.h"
#include "common/store/store_lock.h"

namespace rs::station {

// Two syncs of one store would send every event twice (the platform drops the copies, but it
// is waste and confuses `sync status`). The lock is a StoreLock (common/store/store_lock.h):
// released when its holder dies, even by SIGKILL. On a center's PostgreSQL store it elects the
// one server of several that syncs; the others wait and take over when it goes.
class SyncLock {
public:
    // Takes the lock, or a Busy error naming the process that holds it.
    static Result<SyncLock> take(const std::string& store_path);

    // False once the lock may have passed to another process (its PostgreSQL session broke).
    bool still_held() { return m_lock.still_held(); }

private:
    explicit SyncLock(store::StoreLock lock) : m_lock(std::move(lock)) {}
    store::StoreLock m_lock;
};

}  // namespace rs::station
