// SimulatedScanner: a thread that hands out scripted scans at a fixed interval.
#include "devices/scanner/simulated_scanner.h"

#include <chrono>

#include "common/clock.h"

namespace rs::devices {

SimulatedScanner::SimulatedScanner(std::string name, std::vector<SimulatedScan> script,
                                   std::int64_t interval_ms)
    : m_source("sim:" + name), m_script(std::move(script)), m_interval_ms(interval_ms) {}

SimulatedScanner::~SimulatedScanner() {
    close();
}

Status SimulatedScanner::open(ScannerCallbacks callbacks) {
    if (m_thread.joinable())
        return fail(ErrorCode::Conflict, m_source + " is already open", "scanner");
    m_callbacks = std::move(callbacks);
    m_stop = false;
    m_state = ScannerState::Connected;
    if (m_callbacks.on_state) m_callbacks.on_state(ScannerState::Connected);
    m_thread = std::thread([this] { run(); });
    return {};
}

void SimulatedScanner::run() {
    for (const auto& entry : m_script) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_for(lock, std::chrono::milliseconds(m_interval_ms),
                                [this] { return m_stop; }))
                return;
        }
        Scan scan{m_source, entry.text, entry.symbology, SystemClock::instance().now_ms()};
        if (m_callbacks.on_scan) m_callbacks.on_scan(scan);
    }
    m_state = ScannerState::Finished;
    if (m_callbacks.on_state) m_callbacks.on_state(ScannerState::Finished);
}

void SimulatedScanner::close() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
    if (m_state != ScannerState::Finished) m_state = ScannerState::Closed;
}

}  // namespace rs::devices
