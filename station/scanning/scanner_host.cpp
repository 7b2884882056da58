// ScannerHost and EventQueue: scanner callbacks turned into queued events.
#include "station/scanning/scanner_host.h"

namespace rs::station {

void EventQueue::push(StationEvent event) {
    {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
    }
    m_changed.notify_one();
}

std::optional<StationEvent> EventQueue::pop(std::chrono::milliseconds wait) {
    std::unique_lock lock(m_mutex);
    if (!m_changed.wait_for(lock, wait, [this] { return !m_events.empty(); })) return std::nullopt;
    StationEvent event = std::move(m_events.front());
    m_events.pop_front();
    return event;
}

Status ScannerHost::host(ConfiguredScanner configured) {
    std::string source = configured.scanner->source();
    ScannerRole role = configured.role;
    EventQueue* queue = &m_queue;
    devices::ScannerCallbacks callbacks{[queue, role](const Scan& scan) {
                                            queue->push(ScanEvent{scan, role});
                                        },
                                        [queue, source](const Error& error) {
                                            queue->push(ScannerErrorEvent{source, error});
                                        },
                                        [queue, source](devices::ScannerState state) {
                                            queue->push(ScannerStateEvent{source, state});
                                        }};
    if (auto status = configured.scanner->open(std::move(callbacks)); !status) return status;
    m_scanners.push_back(std::move(configured));
    return {};
}

bool ScannerHost::all_finished() const {
    for (const auto& configured : m_scanners)
        if (configured.scanner->state() != devices::ScannerState::Finished) return false;
    return true;
}

void ScannerHost::close_all() {
    for (auto it = m_scanners.rbegin(); it != m_scanners.rend(); ++it)
        it->scanner->close();
}

}  // namespace rs::station
