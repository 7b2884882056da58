// SqliteBackend: the embedded engine, one file per store (WAL, foreign keys, busy timeout).
#pragma once

#include <memory>
#include <string>

#include "common/store/backend.h"
#include "common/store/database.h"

namespace rs::store {

Result<std::unique_ptr<ConnectionBackend>> open_sqlite(const std::string& path,
                                                       const OpenOptions& options);

}  // namespace rs::store
