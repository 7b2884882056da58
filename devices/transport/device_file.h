// DeviceFile: a character device read by polling (/dev/input/event*, /dev/hidraw*).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"

namespace rs::devices {

class DeviceFile {
public:
    DeviceFile() = default;
    ~DeviceFile();
    DeviceFile(DeviceFile&& other) noexcept;
    DeviceFile& operator=(DeviceFile&& other) noexcept;
    DeviceFile(const DeviceFile&) = delete;
    DeviceFile& operator=(const DeviceFile&) = delete;

    // `grab`: EVIOCGRAB, so the scanner's typing reaches only us and no focused window.
    static Result<DeviceFile> open(const std::string& path, bool grab);

    // Waits up to timeout_ms; 0 bytes: nothing came. An error: the device is gone.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, int timeout_ms);
    bool is_open() const { return m_fd >= 0; }
    void close();

private:
    int m_fd = -1;
    bool m_grabbed = false;
    std::string m_path;
};

}  // namespace rs::devices
