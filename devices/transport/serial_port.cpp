// SerialPort: termios raw mode, poll-based reads that notice an unplugged device.
#include "devices/transport/serial_port.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace rs::devices {
namespace {

std::unexpected<Error> io_error(const std::string& what, const std::string& path) {
    return fail(ErrorCode::Io, fmt::format("{} {}: {}", what, path, std::strerror(errno)),
                "serial");
}

speed_t speed_for(int baud) {
    switch (baud) {
        case 1200:
            return B1200;
        case 2400:
            return B2400;
        case 4800:
            return B4800;
        case 19200:
            return B19200;
        case 38400:
            return B38400;
        case 57600:
            return B57600;
        case 115200:
            return B115200;
        default:
            return B9600;  // the factory default of most serial scanners
    }
}

}  // namespace

SerialPort::~SerialPort() {
    close();
}

SerialPort::SerialPort(SerialPort&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

SerialPort& SerialPort::operator=(SerialPort&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void SerialPort::close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

Result<SerialPort> SerialPort::open(const std::string& path, int baud) {
    SerialPort port;
    port.m_path = path;
    port.m_fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (port.m_fd < 0) {
        if (errno == EACCES)
            return fail(ErrorCode::Io,
                        fmt::format("no permission to open {}: add the user to group dialout or "
                                    "install the udev rules of docs/hardware.md",
                                    path),
                        "serial");
        return io_error("cannot open", path);
    }
    termios options{};
    if (tcgetattr(port.m_fd, &options) != 0) return io_error("not a serial port:", path);
    cfmakeraw(&options);
    options.c_cflag |= CLOCAL | CREAD;
    options.c_cflag &= ~static_cast<tcflag_t>(CRTSCTS | CSTOPB | PARENB);
    cfsetispeed(&options, speed_for(baud));
    cfsetospeed(&options, speed_for(baud));
    if (tcsetattr(port.m_fd, TCSANOW, &options) != 0) return io_error("cannot configure", path);
    return port;
}

Result<std::size_t> SerialPort::read(std::span<std::uint8_t> buffer, int timeout_ms) {
    if (m_fd < 0) return fail(ErrorCode::Io, m_path + " is not open", "serial");
    pollfd entry{m_fd, POLLIN, 0};
    int ready = ::poll(&entry, 1, timeout_ms);
    if (ready < 0) {
        if (errno == EINTR) return 0;
        return io_error("cannot wait for", m_path);
    }
    if (ready == 0) return 0;
    if (entry.revents & (POLLHUP | POLLERR | POLLNVAL))
        if (!(entry.revents & POLLIN))
            return fail(ErrorCode::Io, m_path + " was disconnected", "serial");
    ssize_t got = ::read(m_fd, buffer.data(), buffer.size());
    if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) return 0;
        return io_error("cannot read", m_path);
    }
    if (got == 0) return fail(ErrorCode::Io, m_path + " was disconnected", "serial");
    return static_cast<std::size_t>(got);
}

Status SerialPort::write(std::span<const std::uint8_t> bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t put = ::write(m_fd, bytes.data() + done, bytes.size() - done);
        if (put < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            return io_error("cannot write", m_path);
        }
        done += static_cast<std::size_t>(put);
    }
    return {};
}

}  // namespace rs::devices
