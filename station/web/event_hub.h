// EventHub: what the WebSocket pushes (scans, order changes, devices, print jobs, sync), each
// with a sequence number, kept for a while so a client that reconnects gets what it missed.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace rs::station {

// Who an event is for.
enum class Audience {
    Everyone,  // every signed-in session
    Bench,     // the session signed in at the event's bench (its scanners' scans)
    SignIn,    // the bench's sign-in screen, before anyone signs in (a scanned badge)
};

struct WebEvent {
    std::int64_t seq = 0;
    std::string type;  // "scan", "badge", "order", "print", "device", "sync", "message"
    Audience audience = Audience::Everyone;
    nlohmann::json data;
    std::int64_t time_ms = 0;
    std::string bench;  // Audience::Bench and SignIn: which bench (empty: this machine's own)

    // As sent: {"seq":..,"type":..,"time_ms":..,"data":..}
    std::string wire() const;
};

class EventHub {
public:
    explicit EventHub(std::size_t keep = 2000) : m_keep(keep) {}

    // Any thread. Returns the event's sequence number (1, 2, ...).
    std::int64_t publish(std::string type, Audience audience, nlohmann::json data,
                         std::int64_t time_ms, std::string bench = {});

    struct Since {
        std::vector<WebEvent> events;  // after the asked sequence number, oldest first
        bool complete = true;          // false: some were dropped already; reload instead
    };
    // Events after `seq`. A `seq` ahead of the hub (another run of the station) is incomplete.
    Since since(std::int64_t seq) const;
    // Waits up to `limit` for an event after `seq`; true when there is one.
    bool wait_after(std::int64_t seq, std::chrono::milliseconds limit) const;
    std::int64_t last_seq() const;
    // Names this run of the station: a client seeing another epoch reloads everything.
    const std::string& epoch() const { return m_epoch; }
    // Wakes every waiting connection (stopping).
    void wake_all();

private:
    std::size_t m_keep;
    std::string m_epoch = std::to_string(std::chrono::system_clock::now().time_since_epoch() /
                                         std::chrono::microseconds(1));
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_published;
    std::deque<WebEvent> m_events;
    std::int64_t m_last = 0;
};

}  // namespace rs::station
