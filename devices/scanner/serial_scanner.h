// SerialScanner: a scanner on a tty, framed by its suffix; reopened when it comes back.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "devices/scanner/serial_protocol.h"
#include "devices/scanner/threaded_scanner.h"

namespace rs::devices {

struct SerialScannerOptions {
    std::string path;  // prefer /dev/serial/by-id/...: stable across re-plugging
    int baud = 9600;
    SerialFramingOptions framing;
    int reopen_interval_ms = 1000;
};

class SerialScanner : public ThreadedScanner {
public:
    explicit SerialScanner(SerialScannerOptions options);
    ~SerialScanner() override;

private:
    void run() override;

    SerialScannerOptions m_options;
};

}  // namespace rs::devices
