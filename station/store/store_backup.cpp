// Backups and restores of the station's store file; the page copying is common/store's.
#include "station/store/store_backup.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "common/clock.h"

namespace rs::station {
namespace {

namespace fs = std::filesystem;

// "20261130-031502": sorts by time, safe in any file system.
std::string stamp(std::int64_t ms) {
    std::string utc = format_utc_ms(ms);  // 2026-11-30T03:15:02.123Z
    std::string digits;
    for (char c : utc.substr(0, 19))
        if (c >= '0' && c <= '9') digits += c;
    return digits.substr(0, 8) + "-" + digits.substr(8);
}

// Moves the store file and its WAL aside under `kept` (SQLite's "-wal" naming, so the kept
// copy opens with the commits its WAL still holds); drops the shared-memory index.
Status keep_aside(const std::string& store_path, const std::string& kept) {
    std::error_code error;
    fs::rename(store_path, kept, error);
    if (error)
        return fail(
            ErrorCode::Io,
            fmt::format("cannot move {} aside to {}: {}", store_path, kept, error.message()),
            "backup");
    if (fs::exists(store_path + "-wal", error))
        fs::rename(store_path + "-wal", kept + "-wal", error);
    fs::remove(store_path + "-shm", error);
    return {};
}

}  // namespace

Status backup_store(StationStore& store, const std::string& target,
                    const store::CopyProgress& progress) {
    return store::backup_to_file(store.db(), target, progress);
}

Result<RestoreReport> restore_store(const std::string& backup, const std::string& store_path,
                                    std::int64_t now_ms, const store::CopyProgress& progress) {
    std::error_code ignored;
    if (!fs::exists(backup, ignored))
        return fail(ErrorCode::NotFound, fmt::format("there is no backup {}", backup), "backup");
    auto unchanged = [&](Error error) {
        error.message += fmt::format("; nothing was restored, {} is as it was", store_path);
        return std::unexpected(error);
    };
    auto source = store::Database::open(backup, {.create = false, .read_only = true});
    if (!source) return unchanged(source.error());
    if (auto whole = store::check_integrity(*source); !whole) return unchanged(whole.error());
    if (auto known = store::check_not_newer(*source, StationStore::known_migrations()); !known)
        return unchanged(known.error());

    // Copied next to the store first (checked again there), then swapped in by renames: the
    // store is at every moment either the old one or the whole backup.
    std::string incoming = store_path + ".restoring";
    fs::remove(incoming, ignored);
    if (auto copied = store::backup_to_file(*source, incoming, progress); !copied)
        return unchanged(copied.error());
    RestoreReport report;
    if (fs::exists(store_path, ignored)) {
        report.kept = fmt::format("{}.before-restore-{}", store_path, stamp(now_ms));
        if (auto moved = keep_aside(store_path, report.kept); !moved) {
            fs::remove(incoming, ignored);
            return unchanged(moved.error());
        }
    }
    std::error_code renamed;
    fs::rename(incoming, store_path, renamed);
    if (renamed)
        return fail(ErrorCode::Io,
                    fmt::format("the backup is whole in {} but could not be renamed to {} ({}); "
                                "the old store is in {}: rename by hand",
                                incoming, store_path, renamed.message(), report.kept),
                    "backup");
    return report;
}

std::string daily_backup_name(std::int64_t now_ms) {
    return fmt::format("station-{}.db", stamp(now_ms));
}

Status prune_backups(const std::string& folder, int keep) {
    std::vector<fs::path> backups;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("station-") && name.ends_with(".db")) backups.push_back(entry.path());
    }
    if (error)
        return fail(ErrorCode::Io, fmt::format("cannot list {}: {}", folder, error.message()),
                    "backup");
    std::sort(backups.begin(), backups.end());  // names sort by time
    for (std::size_t i = 0; i + static_cast<std::size_t>(keep) < backups.size(); ++i)
        fs::remove(backups[i], error);
    return {};
}

}  // namespace rs::station
