// Turning SQLite result codes into rs::Error with the right ErrorCode.
#pragma once

#include <string>

#include "common/error.h"

struct sqlite3;

namespace rs::store {

// `context` says what was being done (often the SQL); the SQLite message is appended.
Error sqlite_error(int rc, sqlite3* db, const std::string& context, const std::string& where);

// True when SQLite failed because the disk refused a write for lack of room (full disk, quota,
// file-size limit); sqlite_error then says so in words a person can act on.
bool disk_full(int rc, sqlite3* db);

}  // namespace rs::store
