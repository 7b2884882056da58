// EvdevScanner and HidrawScanner: scanners read from a device node, reopened after unplug.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "devices/scanner/evdev_protocol.h"
#include "devices/scanner/hid_report_decoder.h"
#include "devices/scanner/keyboard_protocol.h"
#include "devices/scanner/threaded_scanner.h"

namespace rs::devices {

// The read/reopen loop both share; subclasses only decode.
class DeviceFileScanner : public ThreadedScanner {
public:
    ~DeviceFileScanner() override;

protected:
    DeviceFileScanner(std::string source, std::string path, bool grab);
    virtual std::vector<Result<Scan>> decode(std::span<const std::uint8_t> bytes,
                                             std::int64_t now_ms) = 0;
    // Called when nothing came for a poll period: a partial code may have timed out.
    virtual std::vector<Result<Scan>> idle(std::int64_t now_ms) = 0;

private:
    void run() override;

    std::string m_path;
    bool m_grab;
};

struct EvdevScannerOptions {
    std::string path;  // prefer /dev/input/by-id/...-event-kbd: stable across re-plugging
    bool grab = true;
    KeyboardOptions keyboard;
    std::int64_t code_timeout_ms = 500;
};

class EvdevScanner : public DeviceFileScanner {
public:
    explicit EvdevScanner(EvdevScannerOptions options);
    ~EvdevScanner() override { close(); }

protected:
    std::vector<Result<Scan>> decode(std::span<const std::uint8_t> bytes,
                                     std::int64_t now_ms) override;
    std::vector<Result<Scan>> idle(std::int64_t now_ms) override;

private:
    EvdevScannerOptions m_options;
    EvdevDecoder m_decoder;
};

struct HidrawScannerOptions {
    std::string path;
    // Empty: the device sends boot keyboard reports; else a HID POS layout name.
    std::string hid_pos_layout;
    KeyboardOptions keyboard;
    std::int64_t code_timeout_ms = 500;
};

class HidrawScanner : public DeviceFileScanner {
public:
    explicit HidrawScanner(HidrawScannerOptions options);
    ~HidrawScanner() override { close(); }

protected:
    std::vector<Result<Scan>> decode(std::span<const std::uint8_t> bytes,
                                     std::int64_t now_ms) override;
    std::vector<Result<Scan>> idle(std::int64_t now_ms) override;

private:
    HidrawScannerOptions m_options;
    HidReportDecoder m_decoder;
};

}  // namespace rs::devices
