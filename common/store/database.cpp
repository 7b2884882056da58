// Database: picks the engine from the location, runs exec and prepare on it, caches statements.
#include "common/store/database.h"

#include <unordered_map>

#include "common/store/backend.h"
#include "common/store/postgres_backend.h"
#include "common/store/sqlite_backend.h"

namespace rs::store {

struct Database::Impl {
    std::unique_ptr<ConnectionBackend> connection;
    std::string path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache;

    ~Impl() {
        cache.clear();  // statements must be finalized before the connection closes
        connection.reset();
    }
};

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

bool Database::is_server_url(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<Database> Database::open(const std::string& location, const OpenOptions& options) {
    auto connection =
        is_server_url(location) ? open_postgres(location, options) : open_sqlite(location, options);
    if (!connection) return std::unexpected(connection.error());
    auto impl = std::make_unique<Impl>();
    impl->connection = std::move(*connection);
    impl->path = location;
    return Database(std::move(impl));
}

Status Database::check_pages() {
    return m_impl->connection->check_pages();
}

Status Database::exec(std::string_view sql) {
    return m_impl->connection->exec(sql);
}

Result<Statement> Database::prepare(std::string_view sql) {
    auto prepared = m_impl->connection->prepare(sql);
    if (!prepared) return std::unexpected(prepared.error());
    return Statement(std::move(*prepared));
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
    return m_impl->connection->in_transaction();
}
Status Database::begin_write() {
    return m_impl->connection->begin_write();
}
const std::string& Database::path() const {
    return m_impl->path;
}
Engine Database::engine() const {
    return m_impl->connection->engine();
}
sqlite3* Database::handle() const {
    return m_impl->connection->sqlite_handle();
}

}  // namespace rs::store
