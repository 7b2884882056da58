// SimulatedScanner: a thread that hands out scripted scans at a fixed interval.
#include "devices/scanner/simulated_scanner.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>

#include "common/clock.h"

namespace rs::devices {

SimulatedScanner::SimulatedScanner(std::string name, std::vector<SimulatedScan> script,
                                   std::int64_t interval_ms, std::string input)
    : m_source("sim:" + name),
      m_script(std::move(script)),
      m_interval_ms(interval_ms),
      m_input(std::move(input)) {}

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
    if (!m_input.empty()) read_input();
    {
        std::lock_guard lock(m_mutex);
        if (m_stop) return;
    }
    m_state = ScannerState::Finished;
    if (m_callbacks.on_state) m_callbacks.on_state(ScannerState::Finished);
}

void SimulatedScanner::emit(const std::string& line) {
    std::string text;
    for (std::size_t at = 0; at < line.size();) {
        if (line.compare(at, 4, "<GS>") == 0) {
            text += '\x1d';
            at += 4;
        } else {
            text += line[at++];
        }
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty()) return;
    Scan scan{m_source, text, "", SystemClock::instance().now_ms()};
    if (m_callbacks.on_scan) m_callbacks.on_scan(scan);
}

void SimulatedScanner::read_input() {
    // A FIFO is opened for writing too, so it never reports an end while nobody writes to it.
    int fd = m_input == "-" ? 0 : ::open(m_input.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) fd = ::open(m_input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (m_callbacks.on_error)
            m_callbacks.on_error(
                Error{ErrorCode::Io, "cannot read scans from " + m_input, "scanner"});
        return;
    }
    std::string pending;
    char buffer[4096];
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop) break;
        }
        pollfd wait{fd, POLLIN, 0};
        int ready = ::poll(&wait, 1, 100);  // wakes to notice close()
        if (ready == 0) continue;
        if (ready < 0 && errno == EINTR) continue;
        ssize_t got = ready < 0 ? -1 : ::read(fd, buffer, sizeof buffer);
        if (got <= 0) break;  // the end of the file or of standard input
        pending.append(buffer, static_cast<std::size_t>(got));
        for (std::size_t end; (end = pending.find('\n')) != std::string::npos;) {
            emit(pending.substr(0, end));
            pending.erase(0, end + 1);
        }
    }
    emit(pending);
    if (fd != 0) ::close(fd);
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
