// ScannerHost: the scanners a station holds open, and the queue their events come through.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "station/scanning/scanner_config.h"

namespace rs::station {

// What driver threads (and the USB watcher) hand to the main thread, so that intake and its
// store stay on one thread.
struct ScanEvent {
    Scan scan;
    ScannerRole role;
};
struct ScannerErrorEvent {
    std::string source;
    Error error;
};
struct ScannerStateEvent {
    std::string source;
    devices::ScannerState state;
};
struct ScannerArrivedEvent {  // a known USB scanner nobody configured was plugged in
    ConfiguredScanner scanner;
};
struct StationMessageEvent {  // a line from a background service (the print queue)
    std::string text;
};
// Who is signed in at this bench in the web UI (empty: nobody): the bench's scans become theirs.
struct BenchOperatorEvent {
    std::string operator_id;
};
using StationEvent = std::variant<ScanEvent, ScannerErrorEvent, ScannerStateEvent,
                                  ScannerArrivedEvent, StationMessageEvent, BenchOperatorEvent>;

class EventQueue {
public:
    void push(StationEvent event);
    // Waits at most `wait`, so that the caller notices signals even when nothing happens.
    std::optional<StationEvent> pop(std::chrono::milliseconds wait);

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<StationEvent> m_events;
};

class ScannerHost {
public:
    explicit ScannerHost(EventQueue& queue) : m_queue(queue) {}
    ~ScannerHost() { close_all(); }

    // Opens the scanner with callbacks that feed the queue, and keeps it.
    Status host(ConfiguredScanner scanner);
    std::size_t size() const { return m_scanners.size(); }
    // Simulated scanners finish their script; real ones never do.
    bool all_finished() const;
    // Last opened first; nothing is pushed once this returns.
    void close_all();

private:
    EventQueue& m_queue;
    std::vector<ConfiguredScanner> m_scanners;
};

}  // namespace rs::station
