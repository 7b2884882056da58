// SerialPort: a tty (RS-232, USB CDC-ACM, /dev/serial/by-id/...) opened raw with termios.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"

namespace rs::devices {

class SerialPort {
public:
    SerialPort() = default;
    ~SerialPort();
    SerialPort(SerialPort&& other) noexcept;
    SerialPort& operator=(SerialPort&& other) noexcept;
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;

    // Raw mode (no echo, no line editing, no CR/LF translation), 8N1, no flow control.
    static Result<SerialPort> open(const std::string& path, int baud);

    // Waits up to timeout_ms; 0 bytes: nothing came. An error means the device is gone.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, int timeout_ms);
    Status write(std::span<const std::uint8_t> bytes);
    const std::string& path() const { return m_path; }
    bool is_open() const { return m_fd >= 0; }
    void close();

private:
    int m_fd = -1;
    std::string m_path;
};

}  // namespace rs::devices
