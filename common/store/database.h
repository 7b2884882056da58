// Database: one connection to a store, on either engine: a SQLite file set up the station's way
// (WAL, foreign keys, busy timeout), or a PostgreSQL database named by a `postgresql://` URL.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/store/row_reader.h"

struct sqlite3;

namespace rs::store {

class ConnectionBackend;
enum class Engine;

struct OpenOptions {
    int busy_timeout_ms = 5000;  // how long a writer waits for another process's lock
    bool create = true;          // create the file if missing (SQLite; a PostgreSQL database
                                 // is created by its administrator)
    bool read_only = false;
    // FULL survives power loss; NORMAL (WAL default) survives process crashes only.
    bool synchronous_full = false;
    // WAL pages after which a commit runs a checkpoint itself (SQLite's default is 1000).
    // Raised when a Checkpointer does the work in the background.
    int wal_autocheckpoint_pages = 1000;
    // Runs SQLite's quick_check before anything else and refuses a store whose pages are
    // damaged, so nothing is written on top of them. It reads every page: the programs a person
    // starts ask for it, the connections they then open inside do not.
    bool check_pages = false;
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
    // `location` is a file path (SQLite) or a `postgresql://` / `postgres://` URL.
    static Result<Database> open(const std::string& location, const OpenOptions& options = {});
    static bool is_server_url(std::string_view location);

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    // Runs one or more statements without results (schema scripts, pragmas).
    Status exec(std::string_view sql);
    // SQLite's quick_check: an Io error naming the damage when any page fails it (PostgreSQL
    // checks its own pages: nothing to do there).
    Status check_pages();
    // A fresh statement, for one-off queries.
    Result<Statement> prepare(std::string_view sql);
    // A statement prepared once per connection and reused: the fast path for hot queries.
    Result<StatementLease> cached(const std::string& sql);

    // One value: the first column of the first row as T (see RowReader::get), or nullopt when
    // the query returns no row. For counts, next numbers, single lookups and the id an
    // `INSERT ... RETURNING id` made. The statement is cached.
    template <class T, class... Args>
    Result<std::optional<T>> query_one(const std::string& sql, const Args&... args) {
        auto query = cached(sql);
        if (!query) return std::unexpected(query.error());
        (*query)->bind_all(args...);
        auto row = (*query)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return std::optional<T>{};
        return std::optional<T>{RowReader(**query).get<T>()};
    }

    bool in_transaction() const;
    // Starts a transaction holding the store's write lock (Transaction::begin calls it).
    Status begin_write();
    // The location it was opened with: a file path or a URL.
    const std::string& path() const;
    // Which engine: for common/store's own engine-specific work (checkpoints, file copies).
    // Product code never branches on it.
    Engine engine() const;
    // The bare SQLite connection (nullptr on PostgreSQL), for common/store's file copies and for
    // benchmarks that load data the way bare sqlite3 does.
    sqlite3* handle() const;

private:
    struct Impl;
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace rs::store
