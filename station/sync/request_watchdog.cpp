// RequestWatchdog: one thread per client, idle unless an exchange is armed.
#include "station/sync/request_watchdog.h"

#include <sys/socket.h>

namespace rs::station {

namespace {
constexpr std::chrono::milliseconds k_stop_poll{100};
}

RequestWatchdog::RequestWatchdog(std::function<bool()> stop_requested)
    : m_stop_requested(std::move(stop_requested)), m_thread([this] { watch(); }) {}

RequestWatchdog::~RequestWatchdog() {
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void RequestWatchdog::arm(std::function<int()> current_socket,
                          std::chrono::steady_clock::time_point deadline) {
    {
        std::lock_guard lock(m_mutex);
        m_current_socket = std::move(current_socket);
        m_deadline = deadline;
        m_verdict = Verdict::Finished;
    }
    m_changed.notify_all();
}

RequestWatchdog::Verdict RequestWatchdog::disarm() {
    std::lock_guard lock(m_mutex);
    m_current_socket = nullptr;
    return m_verdict;
}

void RequestWatchdog::watch() {
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
        if (!m_current_socket) {
            m_changed.wait(lock, [this] { return m_quit || m_current_socket; });
            continue;
        }
        auto now = std::chrono::steady_clock::now();
        if (m_verdict == Verdict::Finished) {
            if (now >= m_deadline)
                m_verdict = Verdict::Deadline;
            else if (stop_requested())
                m_verdict = Verdict::Stopped;
        }
        if (m_verdict != Verdict::Finished) {
            // The owner disarms before it closes the session, so while armed the number names
            // its socket (at worst a socket being replaced: shutdown(2) then fails harmlessly).
            if (int fd = m_current_socket(); fd >= 0) ::shutdown(fd, SHUT_RDWR);
            m_changed.wait_until(lock, now + k_stop_poll);
            continue;
        }
        m_changed.wait_until(lock, std::min(m_deadline, now + k_stop_poll));
    }
}

}  // namespace rs::station
