// StoreLock: flock beside a SQLite file, or a session advisory lock in PostgreSQL.
#include "common/store/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "common/logger.h"
#include "common/store/database.h"

namespace rs::store {
namespace {

const Logger k_log("store");

// The advisory lock's key: the purpose's FNV-1a hash (the same on every machine and build, so
// two servers agree) in a range of its own, "RS" in the high half; the write lock of
// postgres_backend.cpp is a fixed key outside it.
std::int64_t advisory_key(std::string_view purpose) {
    std::uint32_t hash = 2166136261u;
    for (char c : purpose) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return static_cast<std::int64_t>(hash) | (std::int64_t{0x5253} << 32);
}

}  // namespace

struct StoreLock::Holder {
    int fd = -1;                         // SQLite: the locked file
    std::optional<Database> connection;  // PostgreSQL: the session that holds the lock

    ~Holder() {
        if (fd >= 0) ::close(fd);  // closing releases the flock
    }
};

StoreLock::StoreLock(std::unique_ptr<Holder> holder) : m_holder(std::move(holder)) {}
StoreLock::StoreLock(StoreLock&&) noexcept = default;
StoreLock& StoreLock::operator=(StoreLock&&) noexcept = default;
StoreLock::~StoreLock() = default;

namespace {

// The locked file's descriptor.
Result<int> take_file_lock(const std::string& store_path, std::string_view purpose) {
    std::string path = fmt::format("{}.{}-lock", store_path, purpose);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io,
                    fmt::format("cannot open the lock {}: {}", path, std::strerror(errno)),
                    "store");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        char pid[32] = {};
        ssize_t read_bytes = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        if (error != EWOULDBLOCK)
            return fail(ErrorCode::Io,
                        fmt::format("cannot lock {}: {}", path, std::strerror(error)), "store");
        return fail(
            ErrorCode::Busy,
            fmt::format("process {}", read_bytes > 0
                                          ? std::string(pid, static_cast<std::size_t>(read_bytes))
                                          : std::string("unknown")),
            "store");
    }
    std::string own = std::to_string(::getpid());
    bool noted = ::ftruncate(fd, 0) == 0 &&
                 ::pwrite(fd, own.data(), own.size(), 0) == static_cast<ssize_t>(own.size());
    // Without it only the message of a second taker lacks the pid; the lock itself holds.
    if (!noted) k_log.debug("cannot write the pid into {}: {}", path, std::strerror(errno));
    return fd;
}

}  // namespace

Result<StoreLock> StoreLock::try_take(const std::string& location, std::string_view purpose) {
    auto holder = std::make_unique<Holder>();
    if (!Database::is_server_url(location)) {
        auto fd = take_file_lock(location, purpose);
        if (!fd) return std::unexpected(fd.error());
        holder->fd = *fd;
        return StoreLock(std::move(holder));
    }

    auto connection = Database::open(location);
    if (!connection) return std::unexpected(connection.error());
    auto taken = connection->query_one<std::int64_t>("SELECT pg_try_advisory_lock(?1)",
                                                     advisory_key(purpose));
    if (!taken) return std::unexpected(taken.error());
    if (taken->value_or(0) == 0) {
        // Who: the holder's connection says its program, pid and machine (postgres_backend.cpp
        // sets application_name).
        auto who = connection->query_one<std::string>(
            "SELECT a.application_name || ' from ' || coalesce(host(a.client_addr), 'local') "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = "
            "'advisory' AND l.granted AND (l.classid::bigint << 32) + l.objid::bigint = ?1",
            advisory_key(purpose));
        return fail(ErrorCode::Busy, who && *who ? **who : std::string("another process"), "store");
    }
    holder->connection = std::move(*connection);
    return StoreLock(std::move(holder));
}

bool StoreLock::still_held() {
    if (!m_holder) return false;
    if (!m_holder->connection) return m_holder->fd >= 0;
    // A query on the holding session: it fails when the connection broke, and a new session
    // made by the reconnect would not hold the lock.
    auto alive = m_holder->connection->query_one<std::int64_t>(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
    return alive && alive->value_or(0) > 0;
}

}  // namespace rs::store
