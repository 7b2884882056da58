// Database: opening with the station's pragmas, exec, prepare and the statement cache.
#include "common/store/database.h"

#include <sqlite3.h>

#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "common/store/sqlite_error.h"

namespace rs::store {

struct Database::Impl {
    sqlite3* db = nullptr;
    std::string path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache;

    ~Impl() {
        cache.clear();  // statements must be finalized before the connection closes
        if (db) sqlite3_close_v2(db);
    }
};

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (options.read_only) {
        flags |= SQLITE_OPEN_READONLY;
    } else {
        flags |= SQLITE_OPEN_READWRITE;
        if (options.create) flags |= SQLITE_OPEN_CREATE;
    }
    int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error error = sqlite_error(rc, impl->db, "cannot open store " + path, "store");
        if ((rc & 0xFF) == SQLITE_CANTOPEN)
            error.message += " (check that the folder exists and is writable)";
        return std::unexpected(error);
    }
    sqlite3_extended_result_codes(impl->db, 1);
    sqlite3_busy_timeout(impl->db, options.busy_timeout_ms);

    Database database(std::move(impl));
    // Reading the schema first tells "not a database" apart from later failures.
    if (auto probe = database.exec("SELECT count(*) FROM sqlite_schema"); !probe) {
        Error error = probe.error();
        error.message = path + " is not a Repair Station store (" + error.message + ")";
        return std::unexpected(error);
    }
    if (options.check_pages)
        if (auto checked = database.check_pages(); !checked)
            return std::unexpected(checked.error());
    std::string pragmas = "PRAGMA foreign_keys = ON;";
    if (!options.read_only) {
        pragmas += "PRAGMA journal_mode = WAL;";
        pragmas += options.synchronous_full ? "PRAGMA synchronous = FULL;"
                                            : "PRAGMA synchronous = NORMAL;";
        pragmas +=
            "PRAGMA wal_autocheckpoint = " + std::to_string(options.wal_autocheckpoint_pages) + ";";
    }
    if (auto set = database.exec(pragmas); !set) return std::unexpected(set.error());
    return database;
}

Status Database::check_pages() {
    std::vector<std::string> problems;
    auto check = prepare("PRAGMA quick_check(5)");
    if (check) {
        for (;;) {
            auto row = check->step();
            if (!row) {
                problems.push_back(row.error().message);
                break;
            }
            if (!*row) break;
            if (std::string line = check->text(0); line != "ok") problems.push_back(line);
        }
    } else {
        problems.push_back(check.error().message);
    }
    if (problems.empty()) return {};
    std::string listed;
    for (const auto& problem : problems)
        listed += (listed.empty() ? "" : "; ") + problem;
    return fail(ErrorCode::Io,
                fmt::format("the store {} is damaged ({}); nothing was written to it. Put back a "
                            "backup copy of it, or copy the damaged file aside and recover what "
                            "it holds with `sqlite3 {} .recover`",
                            m_impl->path, listed, m_impl->path),
                "store");
}

Status Database::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(m_impl->db, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    Error error = sqlite_error(rc, m_impl->db, "", "store");
    if (!disk_full(rc, m_impl->db)) error.message = detail + " (in: " + text.substr(0, 120) + ")";
    return std::unexpected(error);
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* handle = nullptr;
    int rc = sqlite3_prepare_v3(m_impl->db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &handle, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(handle);
        return std::unexpected(
            sqlite_error(rc, m_impl->db, "cannot prepare: " + std::string(sql), "store"));
    }
    return Statement(handle, "store");
}

Result<StatementLease> Database::cached(const std::string& sql) {
    auto found = m_impl->cache.find(sql);
    if (found == m_impl->cache.end()) {
        auto statement = prepare(sql);
        if (!statement) return std::unexpected(statement.error());
        found =
            m_impl->cache.emplace(sql, std::make_unique<Statement>(std::move(*statement))).first;
    } else {
        found->second->reset();
    }
    return StatementLease(found->second.get());
}

bool Database::in_transaction() const {
    return sqlite3_get_autocommit(m_impl->db) == 0;
}
const std::string& Database::path() const {
    return m_impl->path;
}
sqlite3* Database::handle() const {
    return m_impl->db;
}

}  // namespace rs::store
