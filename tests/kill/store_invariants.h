// check_store: the one invariant checker the kill harness runs on a station's store after each
// kill (and on the reference platform's store when the command syncs).
#pragma once

#include <string>
#include <vector>

namespace rs::test {

// Checks, returning one text per broken rule (empty when all hold):
// - on a SQLite file, SQLite's own `PRAGMA integrity_check` and `foreign_key_check`, run by the
//   sqlite3 program (a PostgreSQL server checks its pages and foreign keys itself);
// - every repair order's state changes have their audit rows, in an unbroken chain that ends at
//   the order's state, and each has its outbox event (in the outbox, or on the platform once
//   sent), no more and no fewer;
// - the stock ledger's invariants (inventory/invariants.h: balances equal the sum of moves,
//   never negative, reservations match), and no open reservation for a closed order;
// - every print job's state changes are audited in a chain that ends at its state (no job is
//   both sent and pending);
// - with `platform_db`: no change reached the platform as two events.
// `db` is a store as `station --db` takes it: a SQLite file or a `postgresql://` URL; every rule
// but SQLite's own checks runs on both engines.
std::vector<std::string> check_store(const std::string& db, const std::string& platform_db = "");

}  // namespace rs::test
