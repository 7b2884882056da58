// The inventory of the opened store, for the parts commands (stock, suppliers, supplier-returns).
#pragma once

#include "inventory/inventory.h"
#include "station/cli/cli_context.h"

namespace rs::cli {

// Runs `body` with an inventory on the opened store; nothing when the store cannot open.
template <class Body>
void with_inventory(CliContext& context, Body&& body) {
    auto store = context.open_store();
    if (!store) return;
    inventory::Inventory inv(store->db(), store->clock());
    body(inv);
}

}  // namespace rs::cli
