// Transaction: BEGIN IMMEDIATE on construction, rolled back unless committed.
#pragma once

#include "common/error.h"
#include "common/store/database.h"

namespace rs::store {

// Writes take the write lock up front (IMMEDIATE) so two processes never both read, then
// both fail to upgrade: one waits (busy timeout) and then proceeds with fresh data.
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
