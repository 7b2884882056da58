// Scanner: the one interface of every barcode scanner driver (USB, serial, evdev, simulated).
#pragma once

#include <functional>
#include <string>

#include "common/error.h"
#include "common/scan.h"

namespace rs::devices {

enum class ScannerState { Closed, Connected, Disconnected, Finished };
const char* scanner_state_name(ScannerState state);

// Called from the driver's own thread: receivers must hand work to their own thread
// instead of blocking the driver.
struct ScannerCallbacks {
    std::function<void(const Scan&)> on_scan;
    std::function<void(const Error&)> on_error;  // a broken code, a read failure: not fatal
    std::function<void(ScannerState)> on_state;  // connected, unplugged, back again...
};

class Scanner {
public:
    virtual ~Scanner() = default;
    // The Scan::source of its scans ("serial:/dev/ttyACM0", "sim:intake").
    virtual const std::string& source() const = 0;
    // Starts reading on the driver's thread; a device absent at start is an error only for
    // drivers that cannot wait for it.
    virtual Status open(ScannerCallbacks callbacks) = 0;
    // Joins the driver's thread; nothing is delivered after close() returns.
    virtual void close() = 0;
    virtual ScannerState state() const = 0;
};

}  // namespace rs::devices
