// QA tables: each QA attempt of a repair order with the checklist it was checked against, and
// the technician's result for each step (station migration 20).
#pragma once

#include "common/store/migrations.h"

namespace rs::station {

store::Migration qa_migration();

}  // namespace rs::station
