// Backend: what an engine (SQLite, PostgreSQL) provides under Database and Statement. Only
// common/store sees these classes; everything else holds a Database and never names an engine.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

struct sqlite3;

namespace rs::store {

enum class Engine { Sqlite, Postgres };

// One prepared statement. Binds keep their first error for step() to report (Statement does
// the bookkeeping); column reads are for the row step() last returned.
class StatementBackend {
public:
    virtual ~StatementBackend() = default;

    virtual Status bind_int64(int index, std::int64_t value) = 0;
    virtual Status bind_double(int index, double value) = 0;
    virtual Status bind_text(int index, std::string_view text) = 0;
    virtual Status bind_blob(int index, std::string_view bytes) = 0;
    virtual Status bind_null(int index) = 0;

    virtual Result<bool> step() = 0;
    // Rows the last completed statement inserted, updated or deleted.
    virtual std::int64_t changes() const = 0;

    virtual bool is_null(int column) const = 0;
    virtual std::int64_t int64(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual std::string text(int column) const = 0;

    virtual void reset() = 0;
    virtual const char* sql() const = 0;
};

// One connection.
class ConnectionBackend {
public:
    virtual ~ConnectionBackend() = default;

    virtual Engine engine() const = 0;
    virtual Status exec(std::string_view sql) = 0;
    virtual Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql) = 0;
    // Starts a transaction that holds the store's write lock from its first statement on, so
    // a read-check-write inside it never races another writer (see transaction.h).
    virtual Status begin_write() = 0;
    virtual bool in_transaction() const = 0;
    virtual Status check_pages() = 0;
    virtual sqlite3* sqlite_handle() const { return nullptr; }
};

}  // namespace rs::store
