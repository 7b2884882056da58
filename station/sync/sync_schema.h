// The sync's own tables (station migration 4): outbox seq, rejections, state, flags, refused RMAs.
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration sync_migration();

}  // namespace rs::station
