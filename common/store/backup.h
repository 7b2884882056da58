// Copies of a whole store, made with SQLite's online backup: the source may be in use (other
// connections go on writing; pages they change meanwhile are copied again), and the copy is
// one consistent snapshot.
#pragma once

#include <functional>
#include <string>

#include "common/error.h"
#include "common/store/database.h"

namespace rs::store {

// Pages copied so far and the source's page count, after each step.
using CopyProgress = std::function<void(int copied, int total)>;

// Copies `source` into the file `target`: written to `target`.partial, synced, checked
// (integrity_check) and then renamed, so a backup is whole or absent. The file is readable by
// its owner only. Refuses to overwrite an existing `target`.
Status backup_to_file(Database& source, const std::string& target,
                      const CopyProgress& progress = {});

// Replaces the whole content of `destination` by `source`'s, in one transaction of the
// destination (a failure leaves it as it was).
Status copy_database(Database& source, Database& destination, const CopyProgress& progress = {});

// SQLite's full integrity_check (every page and index, slower than check_pages): an Io error
// listing the first problems.
Status check_integrity(Database& database);

}  // namespace rs::store
