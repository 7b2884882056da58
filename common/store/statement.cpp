// Statement: binds, steps and column reads over sqlite3_stmt, errors as rs::Error.
#include "common/store/statement.h"

#include <sqlite3.h>

#include "common/store/sqlite_error.h"

namespace rs::store {

Statement::Statement(sqlite3_stmt* handle, std::string where)
    : m_handle(handle), m_where(std::move(where)) {}

Statement::Statement(Statement&& other) noexcept
    : m_handle(other.m_handle),
      m_where(std::move(other.m_where)),
      m_bind_error(std::move(other.m_bind_error)) {
    other.m_handle = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_handle);
        m_handle = other.m_handle;
        m_where = std::move(other.m_where);
        m_bind_error = std::move(other.m_bind_error);
        other.m_handle = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_handle);
}

namespace {
// Keeps only the first failure: later ones are usually consequences of it.
void remember(std::optional<Error>& slot, int rc, sqlite3_stmt* handle, const std::string& where,
              int index) {
    if (rc == SQLITE_OK || slot) return;
    slot = sqlite_error(
        rc, sqlite3_db_handle(handle),
        "cannot bind parameter " + std::to_string(index) + " of: " + sqlite3_sql(handle), where);
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    remember(m_bind_error, sqlite3_bind_int64(m_handle, index, value), m_handle, m_where, index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    remember(m_bind_error, sqlite3_bind_double(m_handle, index, value), m_handle, m_where, index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    remember(m_bind_error,
             sqlite3_bind_text64(m_handle, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             m_handle, m_where, index);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    remember(m_bind_error,
             sqlite3_bind_blob64(m_handle, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
             m_handle, m_where, index);
    return *this;
}

Statement& Statement::bind_null(int index) {
    remember(m_bind_error, sqlite3_bind_null(m_handle, index), m_handle, m_where, index);
    return *this;
}

Result<bool> Statement::step() {
    if (m_bind_error) return std::unexpected(*m_bind_error);
    int rc = sqlite3_step(m_handle);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return std::unexpected(error_from_sqlite(rc));
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) return std::unexpected(row.error());
        if (!*row) return {};
    }
}

Result<std::int64_t> Statement::run_and_count() {
    if (auto done = run(); !done) return std::unexpected(done.error());
    return sqlite3_changes64(sqlite3_db_handle(m_handle));
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_handle, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_handle, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_handle, column);
}

std::string Statement::text(int column) const {
    // Blob access also serves TEXT and keeps embedded NUL bytes (scans may carry any byte).
    const void* data = sqlite3_column_blob(m_handle, column);
    int size = sqlite3_column_bytes(m_handle, column);
    if (!data || size <= 0) return {};
    return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

void Statement::reset() {
    sqlite3_reset(m_handle);
    sqlite3_clear_bindings(m_handle);
    m_bind_error.reset();
}

const char* Statement::sql() const {
    return sqlite3_sql(m_handle);
}

Error Statement::error_from_sqlite(int rc) const {
    // sqlite3_step's error code is the primary one; the connection has the extended message.
    return sqlite_error(rc, sqlite3_db_handle(m_handle), sqlite3_sql(m_handle), m_where);
}

}  // namespace rs::store
