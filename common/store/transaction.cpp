// Transaction: the guard that makes every multi-row write all-or-nothing.
#include "common/store/transaction.h"

namespace rs::store {

Result<Transaction> Transaction::begin(Database& database) {
    if (auto begun = database.begin_write(); !begun) {
        Error error = begun.error();
        if (error.code == ErrorCode::Busy)
            error.message = "the store " + database.path() +
                            " is locked by another process for too long (" + error.message + ")";
        return std::unexpected(error);
    }
    return Transaction(database);
}

Transaction::Transaction(Transaction&& other) noexcept
    : m_database(other.m_database), m_open(other.m_open) {
    other.m_open = false;
}

Transaction::~Transaction() {
    rollback();
}

Status Transaction::commit() {
    if (!m_open) return fail(ErrorCode::Internal, "commit of a finished transaction", "store");
    auto committed = m_database->exec("COMMIT");
    if (!committed) {
        rollback();
        return committed;
    }
    m_open = false;
    return {};
}

void Transaction::rollback() {
    if (!m_open) return;
    m_open = false;
    // A failed statement may already have ended the transaction; only roll back if open.
    if (m_database->in_transaction()) (void)m_database->exec("ROLLBACK");
}

}  // namespace rs::store
