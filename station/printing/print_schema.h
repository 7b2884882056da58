// The print queue's table, as station migration 2.
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration print_jobs_migration();

}  // namespace rs::station
