// SqliteBackend: opening with the station's pragmas, statements over sqlite3_stmt, errors as
// rs::Error.
#include "common/store/sqlite_backend.h"

#include <sqlite3.h>

#include <vector>

#include <fmt/format.h>

#include "common/store/sqlite_error.h"

namespace rs::store {
namespace {

class SqliteStatement final : public StatementBackend {
public:
    explicit SqliteStatement(sqlite3_stmt* handle) : m_handle(handle) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() override { sqlite3_finalize(m_handle); }

    Status bind_int64(int index, std::int64_t value) override {
        return checked(sqlite3_bind_int64(m_handle, index, value), index);
    }
    Status bind_double(int index, double value) override {
        return checked(sqlite3_bind_double(m_handle, index, value), index);
    }
    Status bind_text(int index, std::string_view text) override {
        return checked(sqlite3_bind_text64(m_handle, index, text.data(), text.size(),
                                           SQLITE_TRANSIENT, SQLITE_UTF8),
                       index);
    }
    Status bind_blob(int index, std::string_view bytes) override {
        return checked(
            sqlite3_bind_blob64(m_handle, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
            index);
    }
    Status bind_null(int index) override {
        return checked(sqlite3_bind_null(m_handle, index), index);
    }

    Result<bool> step() override {
        int rc = sqlite3_step(m_handle);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        // sqlite3_step's error code is the primary one; the connection has the extended message.
        return std::unexpected(
            sqlite_error(rc, sqlite3_db_handle(m_handle), sqlite3_sql(m_handle), "store"));
    }
    std::int64_t changes() const override { return sqlite3_changes64(sqlite3_db_handle(m_handle)); }

    bool is_null(int column) const override {
        return sqlite3_column_type(m_handle, column) == SQLITE_NULL;
    }
    std::int64_t int64(int column) const override { return sqlite3_column_int64(m_handle, column); }
    double real(int column) const override { return sqlite3_column_double(m_handle, column); }
    std::string text(int column) const override {
        // Blob access also serves TEXT and keeps embedded NUL bytes (scans may carry any byte).
        const void* data = sqlite3_column_blob(m_handle, column);
        int size = sqlite3_column_bytes(m_handle, column);
        if (!data || size <= 0) return {};
        return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
    }

    void reset() override {
        sqlite3_reset(m_handle);
        sqlite3_clear_bindings(m_handle);
    }
    const char* sql() const override { return sqlite3_sql(m_handle); }

private:
    Status checked(int rc, int index) const {
        if (rc == SQLITE_OK) return {};
        return std::unexpected(sqlite_error(
            rc, sqlite3_db_handle(m_handle),
            "cannot bind parameter " + std::to_string(index) + " of: " + sqlite3_sql(m_handle),
            "store"));
    }

    sqlite3_stmt* m_handle;
};

class SqliteConnection final : public ConnectionBackend {
public:
    SqliteConnection(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    // Statements are finalized by their owners first: Database drops its cache before this.
    ~SqliteConnection() override { sqlite3_close_v2(m_db); }

    Engine engine() const override { return Engine::Sqlite; }

    Status exec(std::string_view sql) override {
        std::string text(sql);
        char* message = nullptr;
        int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
        if (rc == SQLITE_OK) return {};
        std::string detail = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        Error error = sqlite_error(rc, m_db, "", "store");
        if (!disk_full(rc, m_db)) error.message = detail + " (in: " + text.substr(0, 120) + ")";
        return std::unexpected(error);
    }

    Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql) override {
        sqlite3_stmt* handle = nullptr;
        int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &handle, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(handle);
            return std::unexpected(
                sqlite_error(rc, m_db, "cannot prepare: " + std::string(sql), "store"));
        }
        return std::make_unique<SqliteStatement>(handle);
    }

    // IMMEDIATE takes the write lock up front so two processes never both read, then both fail
    // to upgrade: one waits (busy timeout) and then proceeds with fresh data.
    Status begin_write() override { return exec("BEGIN IMMEDIATE"); }

    bool in_transaction() const override { return sqlite3_get_autocommit(m_db) == 0; }

    Status check_pages() override {
        std::vector<std::string> problems;
        auto check = prepare("PRAGMA quick_check(5)");
        if (check) {
            for (;;) {
                auto row = (*check)->step();
                if (!row) {
                    problems.push_back(row.error().message);
                    break;
                }
                if (!*row) break;
                if (std::string line = (*check)->text(0); line != "ok") problems.push_back(line);
            }
        } else {
            problems.push_back(check.error().message);
        }
        if (problems.empty()) return {};
        std::string listed;
        for (const auto& problem : problems)
            listed += (listed.empty() ? "" : "; ") + problem;
        return fail(
            ErrorCode::Io,
            fmt::format("the store {} is damaged ({}); nothing was written to it. Put back a "
                        "backup copy of it, or copy the damaged file aside and recover what "
                        "it holds with `sqlite3 {} .recover`",
                        m_path, listed, m_path),
            "store");
    }

    sqlite3* sqlite_handle() const override { return m_db; }

private:
    sqlite3* m_db;
    std::string m_path;
};

}  // namespace

Result<std::unique_ptr<ConnectionBackend>> open_sqlite(const std::string& path,
                                                       const OpenOptions& options) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (options.read_only) {
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (options.create) flags |= SQLITE_OPEN_CREATE;
    }
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    auto connection = std::make_unique<SqliteConnection>(db, path);
    if (rc != SQLITE_OK) {
        Error error = sqlite_error(rc, db, "cannot open store " + path, "store");
        if ((rc & 0xFF) == SQLITE_CANTOPEN)
            error.message += " (check that the folder exists and is writable)";
        return std::unexpected(error);
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);

    // Reading the schema first tells "not a database" apart from later failures.
    if (auto probe = connection->exec("SELECT count(*) FROM sqlite_schema"); !probe) {
        Error error = probe.error();
        error.message = path + " is not a Repair Station store (" + error.message + ")";
        return std::unexpected(error);
    }
    if (options.check_pages)
        if (auto checked = connection->check_pages(); !checked)
            return std::unexpected(checked.error());
    std::string pragmas = "PRAGMA foreign_keys = ON;";
    if (!options.read_only) {
        pragmas += "PRAGMA journal_mode = WAL;";
        pragmas += options.synchronous_full ? "PRAGMA synchronous = FULL;"
                                            : "PRAGMA synchronous = NORMAL;";
        pragmas +=
            "PRAGMA wal_autocheckpoint = " + std::to_string(options.wal_autocheckpoint_pages) + ";";
    }
    if (auto set = connection->exec(pragmas); !set) return std::unexpected(set.error());
    return std::unique_ptr<ConnectionBackend>(std::move(connection));
}

}  // namespace rs::store
