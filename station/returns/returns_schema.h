// Exchanges and no-reason returns: what became of the units (station migration 12).
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration returns_migration();

}  // namespace rs::station
