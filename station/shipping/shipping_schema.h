// Shipping tables: the pool of waybill numbers the platform handed out, and the shipments made
// with them (station migration 10); the carriers' end-of-day manifests (migration 11).
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration shipping_migration();
store::Migration manifest_migration();

}  // namespace rs::station
