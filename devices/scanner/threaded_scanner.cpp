// ThreadedScanner: starting and joining the reading thread, reporting state changes.
#include "devices/scanner/threaded_scanner.h"

#include "common/logger.h"

namespace rs::devices {
namespace {
const Logger k_log("scanner");
}

void ThreadedScanner::set_state(ScannerState state) {
    if (m_state.exchange(state) == state) return;
    k_log.info("{} {}", m_source, scanner_state_name(state));
    if (m_callbacks.on_state) m_callbacks.on_state(state);
}

Status ThreadedScanner::open(ScannerCallbacks callbacks) {
    if (m_thread.joinable())
        return fail(ErrorCode::Conflict, m_source + " is already open", "scanner");
    m_callbacks = std::move(callbacks);
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    return {};
}

void ThreadedScanner::close() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    m_state = ScannerState::Closed;
}

}  // namespace rs::devices
