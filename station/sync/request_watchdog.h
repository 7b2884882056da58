// RequestWatchdog: ends an HTTP exchange that outlives its deadline or is no longer wanted.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rs::station {

// Poco's timeouts are per read: a platform that trickles one byte a second never trips them, and
// a blocked read does not look at a stop request. The watchdog's thread shuts the socket down
// (shutdown(2), which is safe while another thread reads from it) when the exchange's deadline
// passes or a stop is asked for; the blocked read then returns at once.
class RequestWatchdog {
public:
    enum class Verdict { Finished, Deadline, Stopped };

    // `stop_requested` is asked from the watchdog's thread about every 100 ms while armed.
    explicit RequestWatchdog(std::function<bool()> stop_requested);
    ~RequestWatchdog();
    RequestWatchdog(const RequestWatchdog&) = delete;
    RequestWatchdog& operator=(const RequestWatchdog&) = delete;

    // Watches the socket that `current_socket` names (asked again each time: an HTTP client may
    // reconnect within one exchange, e.g. Poco retries a failed write on a new connection) until
    // disarm(). Once the deadline has passed or a stop is asked for, the socket is shut down, and
    // again every 100 ms while the exchange goes on.
    void arm(std::function<int()> current_socket, std::chrono::steady_clock::time_point deadline);
    // Stops watching; says whether the socket was shut down, and why.
    Verdict disarm();
    bool stop_requested() const { return m_stop_requested && m_stop_requested(); }

private:
    void watch();

    std::function<bool()> m_stop_requested;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::function<int()> m_current_socket;  // empty when disarmed
    std::chrono::steady_clock::time_point m_deadline;
    Verdict m_verdict = Verdict::Finished;
    bool m_quit = false;
    std::thread m_thread;
};

}  // namespace rs::station
