// SerialScanner: reads a tty on its own thread, frames codes, survives unplug and replug.
#include "devices/scanner/serial_scanner.h"

#include <chrono>

#include "common/clock.h"
#include "common/logger.h"
#include "devices/transport/serial_port.h"

namespace rs::devices {
namespace {
const Logger k_log("scanner");
constexpr int k_poll_ms = 50;  // how soon close() and the suffix timeout are noticed
}  // namespace

SerialScanner::SerialScanner(SerialScannerOptions options)
    : ThreadedScanner("serial:" + options.path), m_options(std::move(options)) {}

SerialScanner::~SerialScanner() {
    close();
}

void SerialScanner::run() {
    SerialFramer framer(m_options.framing);
    SerialPort port;
    std::uint8_t buffer[256];
    bool reported_absent = false;
    while (!m_stop) {
        if (!port.is_open()) {
            auto opened = SerialPort::open(m_options.path, m_options.baud);
            if (!opened) {
                if (!reported_absent && m_callbacks.on_error) m_callbacks.on_error(opened.error());
                reported_absent = true;
                set_state(ScannerState::Disconnected);
                for (int waited = 0; waited < m_options.reopen_interval_ms && !m_stop;
                     waited += k_poll_ms)
                    std::this_thread::sleep_for(std::chrono::milliseconds(k_poll_ms));
                continue;
            }
            port = std::move(*opened);
            reported_absent = false;
            set_state(ScannerState::Connected);
        }
        auto got = port.read(buffer, k_poll_ms);
        std::int64_t now = SystemClock::instance().now_ms();
        if (!got) {
            port.close();
            set_state(ScannerState::Disconnected);
            continue;
        }
        std::vector<Result<Scan>> results;
        if (*got > 0)
            results = framer.feed(std::span(buffer, *got), now);
        else if (auto expired = framer.expire(now))
            results.push_back(std::move(*expired));
        for (auto& result : results) {
            if (result) {
                result->source = m_source;
                if (m_callbacks.on_scan) m_callbacks.on_scan(*result);
            } else if (m_callbacks.on_error) {
                m_callbacks.on_error(result.error());
            }
        }
    }
}

}  // namespace rs::devices
