// Inventory: the shared handle; everything is inline except what needs the store's types.
#include "inventory/inventory.h"

namespace rs::inventory {

static_assert(Inventory::k_write_attempts > 0);

}  // namespace rs::inventory
