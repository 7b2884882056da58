// Transaction: a write transaction begun on construction, rolled back unless committed.
#pragma once

#include "common/error.h"
#include "common/store/database.h"

namespace rs::store {

// Writes take the store's write lock up front, so a read-check-write inside a transaction (the
// last unit of a part, the next order number) never races another writer: one waits (busy
// timeout) and then proceeds with fresh data. SQLite: BEGIN IMMEDIATE. PostgreSQL: BEGIN, then a
// transaction-scoped advisory lock every writer of the database takes, released at COMMIT or
// ROLLBACK (postgres_backend.cpp says why not row locks).
class Transaction {
public:
    static Result<Transaction> begin(Database& database);

    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();

    Status commit();
    void rollback();

private:
    explicit Transaction(Database& database) : m_database(&database) {}
    Database* m_database;
    bool m_open = true;
};

}  // namespace rs::store
