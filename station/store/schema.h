// The station library's own tables, as numbered migrations.
#pragma once

#include <vector>

#include "common/store/migrations.h"

namespace rs::station {

std::vector<store::Migration> station_migrations();

}  // namespace rs::station
