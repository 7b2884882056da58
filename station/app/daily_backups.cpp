// DailyBackups: a thread that sleeps until the next backup is due; its own connection to the
// store, so the copy never holds up the bench's scans for longer than a step.
#include "station/app/daily_backups.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "common/clock.h"
#include "common/store/backup.h"
#include "station/store/store_backup.h"

namespace rs::station {
namespace {

namespace fs = std::filesystem;
constexpr auto k_day = std::chrono::hours(24);

// How long ago the newest backup in `folder` was written (a day or more when there is none).
std::chrono::system_clock::duration age_of_newest(const std::string& folder) {
    std::error_code error;
    auto newest = fs::file_time_type::min();
    for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("station-") && name.ends_with(".db"))
            newest = std::max(newest, entry.last_write_time(error));
    }
    if (newest == fs::file_time_type::min()) return k_day;
    return std::chrono::duration_cast<std::chrono::system_clock::duration>(
        fs::file_time_type::clock::now() - newest);
}

}  // namespace

DailyBackups::DailyBackups(const StationConfig& config, std::string store_path,
                           std::function<void(const std::string&)> say)
    : m_folder(config.backup_dir),
      m_keep(config.backup_keep),
      m_store_path(std::move(store_path)),
      m_say(std::move(say)) {}

Status DailyBackups::start() {
    std::error_code error;
    fs::create_directories(m_folder, error);
    if (error)
        return fail(
            ErrorCode::Io,
            fmt::format("[store] backup_dir {} cannot be made: {}", m_folder, error.message()),
            "backup");
    m_thread = std::thread([this] { run(); });
    return {};
}

void DailyBackups::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

Status DailyBackups::back_up_now() {
    auto source = store::Database::open(m_store_path, {.create = false, .read_only = true});
    if (!source) return std::unexpected(source.error());
    std::string target =
        (fs::path(m_folder) / daily_backup_name(SystemClock::instance().now_ms())).string();
    if (auto copied = store::backup_to_file(*source, target); !copied) return copied;
    m_say(fmt::format("backup: the store was copied to {}", target));
    return prune_backups(m_folder, m_keep);
}

void DailyBackups::run() {
    std::unique_lock lock(m_mutex);
    auto wait = k_day - age_of_newest(m_folder);
    for (;;) {
        if (wait > std::chrono::system_clock::duration::zero() &&
            m_wake.wait_for(lock, wait, [this] { return m_stopping; }))
            return;
        if (m_stopping) return;
        lock.unlock();
        if (auto done = back_up_now(); !done)
            m_say(fmt::format("backup: failed, tried again in an hour: {}", done.error().message));
        wait = age_of_newest(m_folder) >= k_day ? std::chrono::hours(1) : k_day;
        lock.lock();
    }
}

}  // namespace rs::station
