// Statement: typed binds and reads over the engine's statement, the first bind error kept.
#include "common/store/statement.h"

#include "common/store/backend.h"

namespace rs::store {

Statement::Statement(std::unique_ptr<StatementBackend> backend) : m_backend(std::move(backend)) {}
Statement::Statement(Statement&& other) noexcept = default;
Statement& Statement::operator=(Statement&& other) noexcept = default;
Statement::~Statement() = default;

// Keeps only the first failure: later ones are usually consequences of it.
Statement& Statement::remember(Status bound) {
    if (!bound && !m_bind_error) m_bind_error = bound.error();
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    return remember(m_backend->bind_int64(index, value));
}
Statement& Statement::bind(int index, double value) {
    return remember(m_backend->bind_double(index, value));
}
Statement& Statement::bind(int index, std::string_view text) {
    return remember(m_backend->bind_text(index, text));
}
Statement& Statement::bind_blob(int index, std::string_view bytes) {
    return remember(m_backend->bind_blob(index, bytes));
}
Statement& Statement::bind_null(int index) {
    return remember(m_backend->bind_null(index));
}

Result<bool> Statement::step() {
    if (m_bind_error) return std::unexpected(*m_bind_error);
    return m_backend->step();
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
    return m_backend->changes();
}

bool Statement::is_null(int column) const {
    return m_backend->is_null(column);
}
std::int64_t Statement::int64(int column) const {
    return m_backend->int64(column);
}
double Statement::real(int column) const {
    return m_backend->real(column);
}
std::string Statement::text(int column) const {
    return m_backend->text(column);
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
    m_backend->reset();
    m_bind_error.reset();
}

const char* Statement::sql() const {
    return m_backend->sql();
}

}  // namespace rs::store
