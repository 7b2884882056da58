// SyncLock: the store lock named "sync" ("<store>.sync-lock" beside a SQLite file), with a
// message that says why there is one.
#include "station/sync/sync_lock.h"

#include <fmt/format.h>

namespace rs::station {

Result<SyncLock> SyncLock::take(const std::string& store_path) {
    auto lock = store::StoreLock::try_take(store_path, "sync");
    if (lock) return SyncLock(std::move(*lock));
    Error error = lock.error();
    if (error.code == ErrorCode::Busy)
        error.message = fmt::format(
            "another sync of this store is running ({}; `station run` and `station server` "
            "sync by themselves): only one at a time, or every event would be sent twice",
            error.message);
    error.where = "sync";
    return std::unexpected(error);
}

}  // namespace rs::station
