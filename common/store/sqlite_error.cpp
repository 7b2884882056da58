// Maps SQLite result codes to station error codes so callers can react (retry on Busy, ...).
#include "common/store/sqlite_error.h"

#include <sqlite3.h>

namespace rs::store {

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
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return Error{code, context + ": " + detail, where};
}

}  // namespace rs::store
