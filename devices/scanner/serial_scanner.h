// SerialScanner: a scanner on a tty, framed by its suffix; reopened when it comes back.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "devices/scanner/scanner.h"
#include "devices/scanner/serial_protocol.h"

namespace rs::devices {

struct SerialScannerOptions {
    std::string path;  // prefer /dev/serial/by-id/...: stable across re-plugging
    int baud = 9600;
    SerialFramingOptions framing;
    int reopen_interval_ms = 1000;
};

class SerialScanner : public Scanner {
public:
    explicit SerialScanner(SerialScannerOptions options);
    ~SerialScanner() override;

    const std::string& source() const override { return m_source; }
    Status open(ScannerCallbacks callbacks) override;
    void close() override;
    ScannerState state() const override { return m_state.load(); }

private:
    void run();
    void set_state(ScannerState state);

    SerialScannerOptions m_options;
    std::string m_source;
    ScannerCallbacks m_callbacks;
    std::atomic<ScannerState> m_state{ScannerState::Closed};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

}  // namespace rs::devices
