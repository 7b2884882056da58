// Turning SQLite result codes into rs::Error with the right ErrorCode.
#pragma once

#include <string>

#include "common/error.h"

struct sqlite3;

namespace rs::store {

// `context` says what was being done (often the SQL); the SQLite message is appended.
Error sqlite_error(int rc, sqlite3* db, const std::string& context, const std::string& where);

}  // namespace rs::store
