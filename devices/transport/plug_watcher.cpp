// PlugWatcher: one thread that lists devices when nudged or when the rescan interval passes.
#include "devices/transport/plug_watcher.h"

namespace rs::devices {

PlugWatcher::PlugWatcher(ListDevices list, std::chrono::milliseconds rescan_interval,
                         OnChanges on_changes, OnError on_error)
    : m_list(std::move(list)),
      m_interval(rescan_interval),
      m_on_changes(std::move(on_changes)),
      m_on_error(std::move(on_error)) {}

PlugWatcher::~PlugWatcher() {
    stop();
}

void PlugWatcher::start() {
    if (m_thread.joinable()) return;
    m_stop = false;
    m_thread = std::thread([this] { run(); });
}

void PlugWatcher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void PlugWatcher::poke() {
    {
        std::lock_guard lock(m_mutex);
        m_poked = true;
    }
    m_wake.notify_all();
}

void PlugWatcher::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_poked = false;
        lock.unlock();  // listing opens devices: never under the lock poke() takes
        auto listed = m_list();
        if (!listed) {
            if (m_on_error) m_on_error(listed.error());
        } else if (auto changes = m_tracker.update(*listed); !changes.empty()) {
            m_on_changes(changes);
        }
        lock.lock();
        m_wake.wait_for(lock, m_interval, [this] { return m_stop || m_poked; });
    }
}

}  // namespace rs::devices
