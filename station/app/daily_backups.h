// DailyBackups: the service of `station run` that copies the store into [store] backup_dir once
// a day (at start when the newest backup is a day old or more) and keeps [store] backup_keep.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "station/app/service.h"
#include "station/store/config.h"

namespace rs::station {

class DailyBackups : public Service {
public:
    // `say` hears one line per backup made or failed (shown on the bench's terminal).
    DailyBackups(const StationConfig& config, std::string store_path,
                 std::function<void(const std::string&)> say);
    ~DailyBackups() override { stop(); }

    const char* name() const override { return "daily backups"; }
    Status start() override;
    void stop() override;

    // One backup now into the folder and the pruning after it (what the thread does daily).
    Status back_up_now();

private:
    void run();

    std::string m_folder;
    int m_keep;
    std::string m_store_path;
    std::function<void(const std::string&)> m_say;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace rs::station
