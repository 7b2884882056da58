// Maps SQLite result codes to station error codes so callers can react (retry on Busy, ...).
#include "common/store/sqlite_error.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>

namespace rs::store {
// A write the disk refused for lack of room: SQLite says SQLITE_FULL for ENOSPC, and an I/O
// error with the system's errno for a file-size limit (EFBIG) or a quota (EDQUOT).
bool disk_full(int rc, sqlite3* db) {
    if ((rc & 0xFF) == SQLITE_FULL) return true;
    // A write that failed outright: SQLite keeps the errno only until the next system call,
    // which its rollback makes, so a refused write is taken for what it nearly always is.
    if (rc == SQLITE_IOERR_WRITE) return true;
    if ((rc & 0xFF) != SQLITE_IOERR || !db) return false;
    int system_error = sqlite3_system_errno(db);
    return system_error == ENOSPC || system_error == EFBIG || system_error == EDQUOT;
}

Error sqlite_error(int rc, sqlite3* db, const std::string& context, const std::string& where) {
    ErrorCode code = ErrorCode::Io;
    switch (rc & 0xFF) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            code = ErrorCode::Busy;
            break;
        case SQLITE_CONSTRAINT:
            code = ErrorCode::Conflict;
            break;
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
        case SQLITE_TOOBIG:
            code = ErrorCode::Invalid;
            break;
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
            code = ErrorCode::Io;
            break;
        case SQLITE_ERROR:
        case SQLITE_MISUSE:
            code = ErrorCode::Internal;
            break;
        default:
            code = ErrorCode::Io;
            break;
    }
    if (disk_full(rc, db)) {
        const char* file = sqlite3_db_filename(db, "main");
        return Error{ErrorCode::Io,
                     fmt::format("the disk holding the store {} is full (it refused a write): "
                                 "nothing of this change was kept; free space on that disk (old "
                                 "backups, photos, logs) and do it again",
                                 file && *file ? file : "(in memory)"),
                     where};
    }
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{code, context + ": " + detail, where};
}

}  // namespace rs::store
