// PostgresDialect: the store's SQL, written for SQLite, as PostgreSQL takes it.
//
// The schema and queries are written once (DESIGN.md: standard SQL both engines run). What the
// two engines still spell differently is mapped here, token by token, outside string literals,
// quoted names and comments:
//   - parameters `?N` and `?` become `$N`;
//   - SQLite's column types: INTEGER is 64-bit there (BIGINT), REAL is DOUBLE PRECISION, BLOB is
//     BYTEA; `INTEGER PRIMARY KEY` (a rowid that numbers itself) gets a trigger that numbers
//     it the same way (the highest plus one), `INTEGER PRIMARY KEY AUTOINCREMENT` is an
//     identity column;
//   - the table options `STRICT` and `WITHOUT ROWID` go (PostgreSQL tables are typed and keyed
//     like that already);
//   - LIKE is ILIKE: SQLite's LIKE ignores the case of ASCII letters;
//   - max(a, b) and min(a, b) with two or more arguments (SQLite's scalar forms) are GREATEST and
//     LEAST; with one argument they stay the aggregates;
//   - `x [NOT] GLOB 'pattern'` becomes a regular expression match `x ~ '^...$'` (`!~`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rs::store {

struct PostgresSql {
    std::string text;
    int parameters = 0;      // the highest parameter number it uses
    std::vector<bool> used;  // [n - 1]: whether $n appears (SQLite lets numbers be skipped)
};

PostgresSql to_postgres(std::string_view sqlite_sql);

// A GLOB pattern ('*', '?', '[...]', '[^...]') as an anchored POSIX regular expression.
std::string glob_to_regex(std::string_view glob);

}  // namespace rs::store
