// SyncLock: one sync per store at a time, across processes.
#pragma once

#include <string>
#include <utility>

#include "common/error.h"

namespace rs::station {

// Two syncs of one store would send every event twice (the platform drops the copies, but it
// is waste and confuses `sync status`). The lock is an flock(2) on a file beside the store, so
// the kernel releases it when its holder dies, even by SIGKILL.
class SyncLock {
public:
    // Takes the lock, or a Busy error naming the process that holds it.
    static Result<SyncLock> take(const std::string& store_path);

    SyncLock(SyncLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    SyncLock& operator=(SyncLock&& other) noexcept {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    SyncLock(const SyncLock&) = delete;
    ~SyncLock();

private:
    explicit SyncLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

}  // namespace rs::station
