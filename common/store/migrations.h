// Migrations: numbered schema changes each library registers, applied in order at open.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "common/store/database.h"

namespace rs::store {

struct Migration {
    std::string library;      // "station", "inventory", ...: each owns its tables
    int number = 0;           // 1, 2, 3 ... within the library, never reused
    std::string description;  // recorded in the store for people reading it later
    std::string sql;          // one or more statements
};

struct MigrationReport {
    int applied = 0;  // how many ran in this call
};

// Applies, in one transaction per migration, every migration not yet recorded in the
// `schema_migrations` table. Refuses (ErrorCode::Unsupported) without touching anything when
// the store records migrations this build does not know: it was written by a newer version.
// Refuses (ErrorCode::Unsupported, naming the library and levels) a store that records a
// migration level this build does not know; changes nothing.
Status check_not_newer(Database& database, const std::vector<Migration>& known);

Result<MigrationReport> apply_migrations(Database& database, const std::vector<Migration>& known);

}  // namespace rs::store
