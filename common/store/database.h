// Database: one SQLite connection set up the station's way (WAL, foreign keys, busy timeout).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/store/statement.h"

struct sqlite3;

namespace rs::store {

struct OpenOptions {
    int busy_timeout_ms = 5000;  // how long a writer waits for another process's lock
    bool create = true;          // create the file if missing
    bool read_only = false;
    // FULL survives power loss; NORMAL (WAL default) survives process crashes only.
    bool synchronous_full = false;
    // WAL pages after which a commit runs a checkpoint itself (SQLite's default is 1000).
    // Raised when a Checkpointer does the work in the background.
    int wal_autocheckpoint_pages = 1000;
};

class Database;

// A cached statement lent out by Database::cached(); reset when the lease ends so no read
// snapshot is held open by accident.
class StatementLease {
public:
    explicit StatementLease(Statement* statement) : m_statement(statement) {}
    StatementLease(StatementLease&& other) noexcept : m_statement(other.m_statement) {
        other.m_statement = nullptr;
    }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    StatementLease& operator=(StatementLease&&) = delete;
    ~StatementLease() {
        if (m_statement) m_statement->reset();
    }
    Statement* operator->() const { return m_statement; }
    Statement& operator*() const { return *m_statement; }

private:
    Statement* m_statement;
};

class Database {
public:
    static Result<Database> open(const std::string& path, const OpenOptions& options = {});

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    // Runs one or more statements without results (schema scripts, pragmas).
    Status exec(std::string_view sql);
    // A fresh statement, for one-off queries.
    Result<Statement> prepare(std::string_view sql);
    // A statement prepared once per connection and reused: the fast path for hot queries.
    Result<StatementLease> cached(const std::string& sql);

    std::int64_t last_insert_rowid() const;
    int changes() const;
    bool in_transaction() const;
    const std::string& path() const;
    sqlite3* handle() const;

private:
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace rs::store
