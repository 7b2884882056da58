// Station migration 3: photos of repair orders, their quality, codes and damage annotations.
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration photo_migration();

}  // namespace rs::station
