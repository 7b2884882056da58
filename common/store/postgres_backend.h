// PostgresBackend: a store in a PostgreSQL database (a repair center's server), through libpq.
#pragma once

#include <memory>
#include <string>

#include "common/store/backend.h"
#include "common/store/database.h"

namespace rs::store {

// `url` is a libpq connection URI (`postgresql://user@host:port/database`). Passwords belong
// in ~/.pgpass or PGPASSFILE rather than the URL: the URL shows in messages.
Result<std::unique_ptr<ConnectionBackend>> open_postgres(const std::string& url,
                                                         const OpenOptions& options);

}  // namespace rs::store
