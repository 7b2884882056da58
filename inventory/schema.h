// Inventory tables: the numbered migrations the inventory library owns.
#pragma once

#include <vector>

#include "common/store/migrations.h"

namespace rs::inventory {

// Library name "inventory"; applied before the station's migrations.
std::vector<store::Migration> inventory_migrations();

}  // namespace rs::inventory
