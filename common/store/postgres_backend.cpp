// PostgresBackend: statements prepared on the server, SQL mapped by postgres_dialect, errors
// by SQLSTATE, and a new connection when the server went away between transactions.
#include "common/store/postgres_backend.h"

#include <unistd.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "common/logger.h"
#include "common/store/libpq_library.h"
#include "common/store/postgres_dialect.h"

namespace rs::store {
namespace {

const Logger k_log("store.postgres");

// libpq, which open_postgres loaded before any connection existed.
const LibPq& pq() {
    return **libpq_library();
}

// Type OIDs from PostgreSQL's catalog (pg_type.dat); the headers that name them are the
// server's, not libpq's.
constexpr Oid k_bool_oid = 16;
constexpr Oid k_bytea_oid = 17;

// Every write transaction takes this transaction-scoped advisory lock first: writers of one
// database run one at a time, as they do on SQLite. The code's read-check-write steps (the
// last unit of a part, the next order number, an order's state) were written for that
// guarantee; row locks would need each of them found and rewritten with SELECT ... FOR UPDATE
// and a retry loop, and a missed one oversells a part. Reads never take it. The key spells
// "RSWRITE" so a person reading pg_locks knows whose it is.
constexpr long long k_write_lock_key = 0x5253575249544500LL;

struct ClearResult {
    void operator()(PGresult* result) const { pq().PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ClearResult>;

ResultPtr wrap(PGresult* result) {
    return ResultPtr(result);
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

ErrorCode code_of(const char* sqlstate) {
    std::string_view state = sqlstate ? sqlstate : "";
    if (state.starts_with("23")) return ErrorCode::Conflict;       // integrity constraint violation
    if (state == "40001" || state == "40P01" || state == "55P03")  // serialization, deadlock,
        return ErrorCode::Busy;                                    // lock not available
    if (state.starts_with("22")) return ErrorCode::Invalid;        // data exception
    if (state.starts_with("42")) return ErrorCode::Internal;       // our SQL is wrong
    return ErrorCode::Io;
}

Error error_of(PGconn* connection, const PGresult* result, std::string_view context) {
    if (pq().PQstatus(connection) == CONNECTION_BAD)
        return Error{ErrorCode::Io,
                     fmt::format("lost the connection to PostgreSQL ({}); the statement did "
                                 "not complete: {}",
                                 trimmed(pq().PQerrorMessage(connection)), context),
                     "store"};
    const char* sqlstate = result ? pq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? trimmed(pq().PQresultErrorMessage(result)) : "";
    if (message.empty()) message = trimmed(pq().PQerrorMessage(connection));
    if (std::string_view(sqlstate ? sqlstate : "") == "53100")
        message = "the database server's disk is full: " + message;
    return Error{code_of(sqlstate), fmt::format("{}: {}", context, message), "store"};
}

bool succeeded(const PGresult* result) {
    auto status = pq().PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

class PostgresConnection;

class PostgresStatement final : public StatementBackend {
public:
    PostgresStatement(PostgresConnection& connection, std::string sql, PostgresSql translated)
        : m_connection(connection),
          m_sql(std::move(sql)),
          m_translated(std::move(translated)),
          m_values(static_cast<std::size_t>(m_translated.parameters)),
          m_binary(static_cast<std::size_t>(m_translated.parameters), 0) {}
    ~PostgresStatement() override;

    Status bind_int64(int index, std::int64_t value) override {
        return set(index, std::to_string(value), false);
    }
    Status bind_double(int index, double value) override {
        return set(index, fmt::format("{}", value), false);
    }
    Status bind_text(int index, std::string_view text) override {
        if (text.find('\0') != std::string_view::npos)
            return fail(ErrorCode::Invalid,
                        fmt::format("parameter {} of: {} holds a NUL byte, which PostgreSQL text "
                                    "cannot store",
                                    index, m_sql),
                        "store");
        return set(index, std::string(text), false);
    }
    Status bind_blob(int index, std::string_view bytes) override {
        return set(index, std::string(bytes), true);
    }
    Status bind_null(int index) override {
        if (auto checked = check_index(index); !checked) return checked;
        m_values[static_cast<std::size_t>(index - 1)].reset();
        return {};
    }

    Result<bool> step() override;
    std::int64_t changes() const override { return m_changes; }

    bool is_null(int column) const override {
        return pq().PQgetisnull(m_result.get(), m_row, column) != 0;
    }
    std::int64_t int64(int column) const override {
        const char* value = pq().PQgetvalue(m_result.get(), m_row, column);
        if (pq().PQftype(m_result.get(), column) == k_bool_oid) return value[0] == 't' ? 1 : 0;
        std::string_view text(value);
        // An average or a numeric sum may carry a fraction: truncated, as SQLite does.
        if (text.find_first_of(".eE") != std::string_view::npos)
            return static_cast<std::int64_t>(std::strtod(value, nullptr));
        return std::strtoll(value, nullptr, 10);
    }
    double real(int column) const override {
        const char* value = pq().PQgetvalue(m_result.get(), m_row, column);
        if (pq().PQftype(m_result.get(), column) == k_bool_oid) return value[0] == 't' ? 1 : 0;
        return std::strtod(value, nullptr);
    }
    std::string text(int column) const override {
        if (is_null(column)) return {};
        const char* value = pq().PQgetvalue(m_result.get(), m_row, column);
        Oid type = pq().PQftype(m_result.get(), column);
        if (type == k_bool_oid) return value[0] == 't' ? "1" : "0";
        if (type == k_bytea_oid) {
            std::size_t size = 0;
            unsigned char* bytes =
                pq().PQunescapeBytea(reinterpret_cast<const unsigned char*>(value), &size);
            std::string out(reinterpret_cast<const char*>(bytes), size);
            pq().PQfreemem(bytes);
            return out;
        }
        return std::string(
            value, static_cast<std::size_t>(pq().PQgetlength(m_result.get(), m_row, column)));
    }

    void reset() override {
        m_result.reset();
        m_row = -1;
        m_changes = 0;
        for (auto& value : m_values)
            value.reset();
    }
    const char* sql() const override { return m_sql.c_str(); }

private:
    Status check_index(int index) const {
        if (index >= 1 && index <= m_translated.parameters) return {};
        return fail(ErrorCode::Invalid,
                    fmt::format("cannot bind parameter {} of: {} (it has {})", index, m_sql,
                                m_translated.parameters),
                    "store");
    }
    Status set(int index, std::string value, bool binary) {
        if (auto checked = check_index(index); !checked) return checked;
        m_values[static_cast<std::size_t>(index - 1)] = std::move(value);
        m_binary[static_cast<std::size_t>(index - 1)] = binary ? 1 : 0;
        return {};
    }

    PostgresConnection& m_connection;
    std::string m_sql;
    PostgresSql m_translated;
    std::string m_name;     // the server-side prepared statement, made at first use
    int m_generation = -1;  // the connection it was prepared on (a reconnect drops them)
    std::vector<std::optional<std::string>> m_values;
    std::vector<int> m_binary;
    ResultPtr m_result;
    int m_row = -1;
    std::int64_t m_changes = 0;

    friend class PostgresConnection;
};

class PostgresConnection final : public ConnectionBackend {
public:
    PostgresConnection(PGconn* connection, std::string url, OpenOptions options)
        : m_connection(connection), m_url(std::move(url)), m_options(options) {}
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;
    ~PostgresConnection() override { pq().PQfinish(m_connection); }

    Engine engine() const override { return Engine::Postgres; }

    Status connect_checks() {
        if (pq().PQstatus(m_connection) != CONNECTION_OK)
            return fail(ErrorCode::Io,
                        fmt::format("cannot connect to the store {}: {} (check that PostgreSQL "
                                    "runs there and that the database, user and password are "
                                    "right)",
                                    m_url, trimmed(pq().PQerrorMessage(m_connection))),
                        "store");
        // "relation already exists, skipping" and the like are for people typing SQL.
        pq().PQsetNoticeProcessor(
            m_connection, [](void*, const char*) {}, nullptr);
        // application_name says in pg_stat_activity (and in a StoreLock's Busy message) which
        // program on which machine holds a connection.
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        std::string name = fmt::format("station pid {} on {}", ::getpid(), host);
        std::vector<char> quoted(name.size() * 2 + 1);
        pq().PQescapeStringConn(m_connection, quoted.data(), name.c_str(), name.size(), nullptr);
        std::string setup = fmt::format(
            "SET client_encoding = 'UTF8'; SET lock_timeout = {}; "
            "SET default_transaction_read_only = {}; SET application_name = '{}';",
            m_options.busy_timeout_ms, m_options.read_only ? "on" : "off", quoted.data());
        auto result = wrap(pq().PQexec(m_connection, setup.c_str()));
        if (!succeeded(result.get()))
            return std::unexpected(error_of(m_connection, result.get(), "setting up the session"));
        return {};
    }

    // A server that restarted leaves this connection broken: outside a transaction nothing is
    // lost by connecting again (a transaction in flight is reported failed to its caller).
    Status ensure_connected() {
        if (pq().PQstatus(m_connection) == CONNECTION_OK) return {};
        k_log.warn("connection to {} lost: connecting again", m_url);
        pq().PQreset(m_connection);
        ++m_generation;
        m_prepared.clear();  // a new session has none of them
        m_savepoint_open = false;
        return connect_checks();
    }

    Status exec(std::string_view sql) override {
        // PostgreSQL answers COMMIT of a transaction a statement failed in with a silent
        // ROLLBACK; SQLite would have kept the other writes. Either way the caller must hear it.
        if (sql == "COMMIT" && pq().PQtransactionStatus(m_connection) == PQTRANS_INERROR) {
            wrap(pq().PQexec(m_connection, "ROLLBACK"));
            return fail(ErrorCode::Io,
                        "a statement of this transaction failed before COMMIT: nothing of the "
                        "transaction was written",
                        "store");
        }
        if (auto connected = ensure_connected(); !connected) return connected;
        if (ends_or_starts_transaction(sql)) m_savepoint_open = false;
        PostgresSql translated = to_postgres(sql);
        auto result = wrap(pq().PQexec(m_connection, translated.text.c_str()));
        if (succeeded(result.get())) return {};
        return std::unexpected(error_of(m_connection, result.get(),
                                        fmt::format("in: {}", std::string(sql).substr(0, 120))));
    }

    Result<std::unique_ptr<StatementBackend>> prepare(std::string_view sql) override {
        auto statement =
            std::make_unique<PostgresStatement>(*this, std::string(sql), to_postgres(sql));
        if (auto prepared = prepare_on_server(*statement); !prepared)
            return std::unexpected(prepared.error());
        return std::unique_ptr<StatementBackend>(std::move(statement));
    }

    Status begin_write() override {
        if (auto connected = ensure_connected(); !connected) return connected;
        m_savepoint_open = false;
        // One round trip: every write transaction of a busy server starts here.
        std::string lock = fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", k_write_lock_key);
        auto result = wrap(pq().PQexec(m_connection, lock.c_str()));
        if (succeeded(result.get())) return {};
        Error error = error_of(m_connection, result.get(), "waiting for the store's write lock");
        if (in_transaction()) (void)exec("ROLLBACK");
        if (error.code == ErrorCode::Busy)
            error.message = fmt::format(
                "the store {} is locked by another process for too "
                "long ({})",
                m_url, error.message);
        return std::unexpected(error);
    }

    bool in_transaction() const override {
        auto status = pq().PQtransactionStatus(m_connection);
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
    }

    Status check_pages() override { return {}; }

    Status prepare_on_server(PostgresStatement& statement) {
        if (auto connected = ensure_connected(); !connected) return connected;
        if (statement.m_generation == m_generation) return {};
        // Prepared once per connection and kept: a server's statements come back thousands of
        // times, and each Parse and DEALLOCATE is a round trip to PostgreSQL.
        if (auto known = m_prepared.find(statement.m_sql); known != m_prepared.end()) {
            statement.m_name = known->second;
            statement.m_generation = m_generation;
            return {};
        }
        forget_prepared_when_full();
        statement.m_name = fmt::format("rs{}", ++m_statements_made);
        // A parameter number the SQL skips has no type PostgreSQL could infer: call it text
        // (SQLite binds and ignores it). The others are inferred from where they appear.
        constexpr Oid k_text_oid = 25;
        std::vector<Oid> types;
        for (bool used : statement.m_translated.used)
            types.push_back(used ? 0 : k_text_oid);
        auto result = wrap(pq().PQprepare(m_connection, statement.m_name.c_str(),
                                          statement.m_translated.text.c_str(),
                                          static_cast<int>(types.size()), types.data()));
        if (!succeeded(result.get()))
            return std::unexpected(
                error_of(m_connection, result.get(), "cannot prepare: " + statement.m_sql));
        statement.m_generation = m_generation;
        m_prepared.emplace(statement.m_sql, statement.m_name);
        return {};
    }

    Result<ResultPtr> execute(PostgresStatement& statement) {
        if (auto prepared = prepare_on_server(statement); !prepared)
            return std::unexpected(prepared.error());
        // Inside a transaction a failed statement would end the whole transaction on
        // PostgreSQL; on SQLite only the statement fails and the caller may go on (an insert
        // that meets a duplicate, then a lookup). A savepoint around each write keeps that.
        // The savepoint of the write before stays open until the next write replaces it, in the
        // same round trip (or the transaction ends): one extra round trip per write, not two.
        bool guard = in_transaction() && is_write(statement.m_translated.text);
        if (guard) {
            auto saved =
                exec(m_savepoint_open ? "RELEASE SAVEPOINT rs_statement; SAVEPOINT rs_statement"
                                      : "SAVEPOINT rs_statement");
            if (!saved) return std::unexpected(saved.error());
            m_savepoint_open = true;
        }
        std::vector<const char*> values;
        std::vector<int> lengths;
        for (const auto& value : statement.m_values) {
            values.push_back(value ? value->data() : nullptr);
            lengths.push_back(value ? static_cast<int>(value->size()) : 0);
        }
        auto result = wrap(pq().PQexecPrepared(m_connection, statement.m_name.c_str(),
                                               static_cast<int>(values.size()), values.data(),
                                               lengths.data(), statement.m_binary.data(), 0));
        if (!succeeded(result.get())) {
            Error error = error_of(m_connection, result.get(), statement.m_sql);
            if (guard) (void)exec("ROLLBACK TO SAVEPOINT rs_statement");
            return std::unexpected(error);
        }
        return result;
    }

private:
    // Many distinct texts (SQL built with its filters) would grow the server's memory without
    // end: past a bound, all are dropped between transactions and prepared again as used.
    void forget_prepared_when_full() {
        constexpr std::size_t k_most_prepared = 2000;
        if (m_prepared.size() < k_most_prepared || in_transaction()) return;
        wrap(pq().PQexec(m_connection, "DEALLOCATE ALL"));
        m_prepared.clear();
        ++m_generation;  // statements still alive prepare theirs again
    }

    static bool ends_or_starts_transaction(std::string_view sql) {
        return sql == "BEGIN" || sql == "COMMIT" || sql == "ROLLBACK" || sql == "END";
    }

private:
    static bool is_write(std::string_view sql) {
        std::size_t start = sql.find_first_not_of(" \t\r\n(");
        if (start == std::string_view::npos) return false;
        std::string word;
        for (std::size_t i = start;
             i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i)
            word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
        return word == "INSERT" || word == "UPDATE" || word == "DELETE" || word == "WITH";
    }

    PGconn* m_connection;
    std::string m_url;
    OpenOptions m_options;
    int m_generation = 0;
    int m_statements_made = 0;
    std::map<std::string, std::string> m_prepared;  // SQL as written -> its prepared name
    bool m_savepoint_open = false;  // a write of this transaction left rs_statement open
};

PostgresStatement::~PostgresStatement() = default;  // its prepared name stays for the next

Result<bool> PostgresStatement::step() {
    if (!m_result && m_row < 0) {
        auto result = m_connection.execute(*this);
        if (!result) return std::unexpected(result.error());
        m_result = std::move(*result);
        const char* affected = pq().PQcmdTuples(m_result.get());
        m_changes = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
    }
    if (!m_result) return false;
    if (m_row + 1 < pq().PQntuples(m_result.get())) {
        ++m_row;
        return true;
    }
    m_row = pq().PQntuples(m_result.get());
    return false;
}

}  // namespace

Result<std::unique_ptr<ConnectionBackend>> open_postgres(const std::string& url,
                                                         const OpenOptions& options) {
    if (auto loaded = libpq_library(); !loaded) return std::unexpected(loaded.error());
    auto connection =
        std::make_unique<PostgresConnection>(pq().PQconnectdb(url.c_str()), url, options);
    if (auto ready = connection->connect_checks(); !ready) return std::unexpected(ready.error());
    return std::unique_ptr<ConnectionBackend>(std::move(connection));
}

}  // namespace rs::store
