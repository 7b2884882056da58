// Inventory: the handle every inventory operation works through (store, clock, write retries).
#pragma once

#include <cstdint>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "common/store/database.h"
#include "common/store/transaction.h"

namespace rs::inventory {

class Inventory {
public:
    Inventory(store::Database& database, const Clock& clock)
        : m_database(database), m_clock(clock) {}

    store::Database& db() { return m_database; }
    std::int64_t now_ms() const { return m_clock.now_ms(); }

    // Runs `work` (returning Result<T>) inside a write transaction and commits when it succeeds.
    // The busy timeout already waits for another process; a bounded number of retries covers
    // a bench that holds the lock longer, so a caller always gets an answer.
    // Inside a caller's open transaction (a repair order's move that releases its parts) the
    // work joins it: the caller commits both or neither, and rolls back when this fails.
    template <class Work>
    auto write(Work&& work) -> decltype(work()) {
        if (m_database.in_transaction()) return work();
        for (int attempt = 1;; ++attempt) {
            auto transaction = store::Transaction::begin(m_database);
            if (!transaction) {
                if (transaction.error().code == ErrorCode::Busy && attempt < k_write_attempts)
                    continue;
                return std::unexpected(transaction.error());
            }
            auto result = work();
            if (!result) return result;
            if (auto committed = transaction->commit(); !committed) {
                if (committed.error().code == ErrorCode::Busy && attempt < k_write_attempts)
                    continue;
                return std::unexpected(committed.error());
            }
            return result;
        }
    }

    static constexpr int k_write_attempts = 3;

private:
    store::Database& m_database;
    const Clock& m_clock;
};

// Looks up one integer from a cached query with the given binds; NotFound when no row.
template <class... Args>
Result<std::int64_t> query_int(Inventory& inventory, const std::string& sql, const Args&... args) {
    auto value = inventory.db().query_one<std::int64_t>(sql, args...);
    if (!value) return std::unexpected(value.error());
    if (!*value) return fail(ErrorCode::NotFound, "no row", "inventory");
    return **value;
}

}  // namespace rs::inventory
