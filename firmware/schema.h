// Firmware tables: the numbered migrations the firmware library owns.
#pragma once

#include <vector>

#include "common/store/migrations.h"

namespace rs::firmware {

// Library name "firmware"; applied after inventory's, before the station's.
std::vector<store::Migration> firmware_migrations();

}  // namespace rs::firmware
