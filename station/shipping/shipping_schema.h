// Shipping tables: the pool of waybill numbers the platform handed out, and the shipments made
// with them (station migration 10).
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration shipping_migration();

}  // namespace rs::station
