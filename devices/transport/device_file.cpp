// DeviceFile: open (with optional exclusive grab), poll and read of evdev and hidraw nodes.
#include "devices/transport/device_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace rs::devices {

DeviceFile::~DeviceFile() {
    close();
}

DeviceFile::DeviceFile(DeviceFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)),
      m_grabbed(other.m_grabbed),
      m_path(std::move(other.m_path)) {}

DeviceFile& DeviceFile::operator=(DeviceFile&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_grabbed = other.m_grabbed;
        m_path = std::move(other.m_path);
    }
    return *this;
}

void DeviceFile::close() {
    if (m_fd < 0) return;
    if (m_grabbed) ioctl(m_fd, EVIOCGRAB, 0);  // give the keyboard back to the desktop
    ::close(m_fd);
    m_fd = -1;
    m_grabbed = false;
}

Result<DeviceFile> DeviceFile::open(const std::string& path, bool grab) {
    DeviceFile file;
    file.m_path = path;
    file.m_fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (file.m_fd < 0) {
        if (errno == EACCES)
            return fail(ErrorCode::Io,
                        fmt::format("no permission to open {}: install the udev rules of "
                                    "docs/hardware.md or add the user to group input",
                                    path),
                        "scanner");
        return fail(ErrorCode::Io, fmt::format("cannot open {}: {}", path, std::strerror(errno)),
                    "scanner");
    }
    if (grab) {
        if (ioctl(file.m_fd, EVIOCGRAB, 1) != 0)
            return fail(ErrorCode::Busy,
                        fmt::format("cannot take {} exclusively ({}): another program holds it",
                                    path, std::strerror(errno)),
                        "scanner");
        file.m_grabbed = true;
    }
    return file;
}

Result<std::size_t> DeviceFile::read(std::span<std::uint8_t> buffer, int timeout_ms) {
    pollfd entry{m_fd, POLLIN, 0};
    int ready = ::poll(&entry, 1, timeout_ms);
    if (ready < 0) {
        if (errno == EINTR) return 0;
        return fail(ErrorCode::Io, fmt::format("cannot wait for {}", m_path), "scanner");
    }
    if (ready == 0) return 0;
    ssize_t got = ::read(m_fd, buffer.data(), buffer.size());
    if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        return fail(ErrorCode::Io,
                    fmt::format("{} was disconnected ({})", m_path, std::strerror(errno)),
                    "scanner");
    }
    if (got == 0) return fail(ErrorCode::Io, m_path + " was disconnected", "scanner");
    return static_cast<std::size_t>(got);
}

}  // namespace rs::devices
