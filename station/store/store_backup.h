// `station backup` and `station restore`: whole-store copies a person can put back after a
// disk failure or a damaged file (docs/backup.md).
#pragma once

#include <cstdint>
#include <string>

#include "common/error.h"
#include "common/store/backup.h"
#include "station/store/station_store.h"

namespace rs::station {

// A consistent copy of the open store in `target` (owner-readable only), while the station may
// go on working; refuses an existing `target`.
Status backup_store(StationStore& store, const std::string& target,
                    const store::CopyProgress& progress = {});

struct RestoreReport {
    std::string kept;  // where the replaced store was kept ("" when there was none)
};

// Puts the backup `backup` in place of the store at `store_path`, which no program may have
// open (stop `station run` first). The backup must pass a full integrity check and must not be
// newer than this program; an older one is brought up to date when the store is next opened.
// The store it replaces is kept beside it (renamed, with its WAL), never deleted.
Result<RestoreReport> restore_store(const std::string& backup, const std::string& store_path,
                                    std::int64_t now_ms, const store::CopyProgress& progress = {});

// Daily backups of `station run` ([store] backup_dir, backup_keep): the name of a backup made
// at `now_ms`, and the removal of all but the newest `keep` backups in `folder`.
std::string daily_backup_name(std::int64_t now_ms);
Status prune_backups(const std::string& folder, int keep);

}  // namespace rs::station
