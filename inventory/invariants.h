// Ledger invariants: what must hold after every committed inventory operation.
#pragma once

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

// Checks, against the whole store: every balance equals the sum of its moves; a serial is in
// one physical place at most, one unit; physical stock is never negative and never less than
// what is reserved of it; each part's on-hand and reserved totals match balances and open
// reservations; the units set aside in QUARANTINE are the held lines of open supplier returns
// and each part's held total. Internal error naming the first broken rule and an example row.
Status check_invariants(Inventory& inventory);

}  // namespace rs::inventory
