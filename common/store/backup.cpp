// Online backup through sqlite3_backup_*: a few hundred pages per step with a short pause, so
// writers of a running station are held up for moments, never for the whole copy.
#include "common/store/backup.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "common/store/backend.h"
#include "common/store/sqlite_error.h"

namespace rs::store {
namespace {

constexpr int k_pages_per_step = 256;
constexpr int k_pause_ms = 5;  // between steps: lets the station's writers in

Status flush_to_disk(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        return fail(ErrorCode::Io, fmt::format("cannot sync {} to disk", path), "backup");
    }
    ::close(fd);
    return {};
}

// A PostgreSQL store is a server's database: its own tools copy it consistently while it
// runs, and restore it.
Status refuse_server_store(const Database& database) {
    if (database.engine() == Engine::Sqlite) return {};
    return fail(ErrorCode::Unsupported,
                fmt::format("{} is a PostgreSQL database: back it up with pg_dump and restore it "
                            "with pg_restore (docs/deployment.md, \"Backups\")",
                            database.path()),
                "backup");
}

}  // namespace

Status copy_database(Database& source, Database& destination, const CopyProgress& progress) {
    for (const Database* database : {&source, &destination})
        if (auto embedded = refuse_server_store(*database); !embedded) return embedded;
    sqlite3_backup* backup =
        sqlite3_backup_init(destination.handle(), "main", source.handle(), "main");
    if (!backup)
        return std::unexpected(sqlite_error(sqlite3_errcode(destination.handle()),
                                            destination.handle(), "cannot start the copy",
                                            "backup"));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(backup, k_pages_per_step);
        if (progress) {
            int total = sqlite3_backup_pagecount(backup);
            progress(total - sqlite3_backup_remaining(backup), total);
        }
        if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(k_pause_ms);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(
            rc, destination.handle(),
            fmt::format("copying {} into {}", source.path(), destination.path()), "backup"));
    return {};
}

Status check_integrity(Database& database) {
    if (auto embedded = refuse_server_store(database); !embedded) return embedded;
    auto check = database.prepare("PRAGMA integrity_check(5)");
    if (!check) return std::unexpected(check.error());
    std::string problems;
    for (;;) {
        auto row = check->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        if (std::string line = check->text(0); line != "ok")
            problems += (problems.empty() ? "" : "; ") + line;
    }
    if (problems.empty()) return {};
    return fail(ErrorCode::Io,
                fmt::format("{} fails its integrity check: {}", database.path(), problems),
                "backup");
}

Status backup_to_file(Database& source, const std::string& target, const CopyProgress& progress) {
    if (auto embedded = refuse_server_store(source); !embedded) return embedded;
    std::error_code ignored;
    if (std::filesystem::exists(target, ignored))
        return fail(ErrorCode::Conflict,
                    fmt::format("{} exists already: choose a new name (backups are never "
                                "overwritten)",
                                target),
                    "backup");
    std::string partial = target + ".partial";
    std::filesystem::remove(partial, ignored);  // left by a copy that was killed
    {
        // Created for its owner only before SQLite opens it: a store holds customers' data.
        int fd = ::open(partial.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0)
            return fail(ErrorCode::Io,
                        fmt::format("cannot create {} (check that the folder exists and is "
                                    "writable)",
                                    partial),
                        "backup");
        ::close(fd);
    }
    auto copied = [&]() -> Status {
        auto copy = Database::open(partial, {.create = false});
        if (!copy) return std::unexpected(copy.error());
        // The copy is a plain file: no WAL beside it once closed.
        if (auto mode = copy->exec("PRAGMA journal_mode = DELETE"); !mode) return mode;
        if (auto done = copy_database(source, *copy, progress); !done) return done;
        return check_integrity(*copy);
    }();
    if (copied) copied = flush_to_disk(partial);
    if (!copied) {
        std::filesystem::remove(partial, ignored);
        return copied;
    }
    std::filesystem::rename(partial, target, ignored);
    if (ignored)
        return fail(ErrorCode::Io, fmt::format("cannot rename {} to {}", partial, target),
                    "backup");
    return flush_to_disk(std::filesystem::path(target).parent_path().empty()
                             ? std::string(".")
                             : std::filesystem::path(target).parent_path().string());
}

}  // namespace rs::store
