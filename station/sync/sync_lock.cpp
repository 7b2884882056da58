// SyncLock: flock on "<store>.sync-lock", with the holder's pid written inside for the message.
#include "station/sync/sync_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "common/logger.h"

namespace rs::station {
namespace {
const Logger k_log("sync");
}

Result<SyncLock> SyncLock::take(const std::string& store_path) {
    std::string path = store_path + ".sync-lock";
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io,
                    fmt::format("cannot open the sync lock {}: {}", path, std::strerror(errno)),
                    "sync");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        char holder[32] = {};
        ssize_t read_bytes = ::pread(fd, holder, sizeof holder - 1, 0);
        ::close(fd);
        if (error != EWOULDBLOCK)
            return fail(ErrorCode::Io,
                        fmt::format("cannot lock {}: {}", path, std::strerror(error)), "sync");
        std::string pid = read_bytes > 0 ? std::string(holder, static_cast<std::size_t>(read_bytes))
                                         : std::string("unknown");
        return fail(ErrorCode::Busy,
                    fmt::format("another sync of this store is running (process {}; `station run` "
                                "syncs by itself): only one at a time, or every event would be "
                                "sent twice",
                                pid),
                    "sync");
    }
    std::string pid = std::to_string(::getpid());
    bool noted = ::ftruncate(fd, 0) == 0 &&
                 ::pwrite(fd, pid.data(), pid.size(), 0) == static_cast<ssize_t>(pid.size());
    // Without it only the message of a second sync lacks the pid; the lock itself holds.
    if (!noted) k_log.debug("cannot write the pid into {}: {}", path, std::strerror(errno));
    return SyncLock(fd);
}

SyncLock::~SyncLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the flock
}

}  // namespace rs::station
