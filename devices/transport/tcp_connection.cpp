// TcpConnection: non-blocking connect and poll-driven reads and writes with deadlines.
#include "devices/transport/tcp_connection.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace rs::devices {
namespace {

using SteadyClock = std::chrono::steady_clock;

int remaining_ms(SteadyClock::time_point deadline) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
    return static_cast<int>(std::max<long>(0, left.count()));
}

std::unexpected<Error> io_error(const std::string& what) {
    return fail(ErrorCode::Io, fmt::format("{}: {}", what, std::strerror(errno)), "tcp");
}

}  // namespace

TcpConnection::~TcpConnection() {
    close();
}

TcpConnection::TcpConnection(TcpConnection&& other) noexcept
    : m_fd(other.m_fd), m_peer(std::move(other.m_peer)) {
    other.m_fd = -1;
}

TcpConnection& TcpConnection::operator=(TcpConnection&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = other.m_fd;
        m_peer = std::move(other.m_peer);
        other.m_fd = -1;
    }
    return *this;
}

void TcpConnection::close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

Result<TcpConnection> TcpConnection::connect(const std::string& host, int port,
                                             std::chrono::milliseconds timeout) {
    std::string peer = fmt::format("{}:{}", host, port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (rc != 0)
        return fail(ErrorCode::NotFound,
                    fmt::format("cannot resolve {}: {}", host, gai_strerror(rc)), "tcp");
    auto deadline = SteadyClock::now() + timeout;
    Error last{ErrorCode::Io, fmt::format("cannot connect to {}", peer), "tcp"};
    for (addrinfo* address = found; address; address = address->ai_next) {
        int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          address->ai_protocol);
        if (fd < 0) continue;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (::connect(fd, address->ai_addr, address->ai_addrlen) == 0) {
            freeaddrinfo(found);
            return TcpConnection(fd, peer);
        }
        if (errno == EINPROGRESS) {
            pollfd waiting{fd, POLLOUT, 0};
            int ready = ::poll(&waiting, 1, remaining_ms(deadline));
            int error = 0;
            socklen_t size = sizeof error;
            if (ready > 0 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 &&
                error == 0) {
                freeaddrinfo(found);
                return TcpConnection(fd, peer);
            }
            last = ready == 0
                       ? Error{ErrorCode::Timeout,
                               fmt::format("no answer from {} within {} ms", peer, timeout.count()),
                               "tcp"}
                       : Error{ErrorCode::Io,
                               fmt::format("cannot connect to {}: {}", peer,
                                           std::strerror(error ? error : errno)),
                               "tcp"};
        } else {
            last =
                Error{ErrorCode::Io,
                      fmt::format("cannot connect to {}: {}", peer, std::strerror(errno)), "tcp"};
        }
        ::close(fd);
    }
    freeaddrinfo(found);
    return std::unexpected(last);
}

Status TcpConnection::write_all(std::string_view bytes, std::chrono::milliseconds timeout,
                                std::size_t* written) {
    auto deadline = SteadyClock::now() + timeout;
    std::size_t done = 0;
    auto report = [&] {
        if (written) *written = done;
    };
    while (done < bytes.size()) {
        if (m_fd < 0) {
            report();
            return fail(ErrorCode::Io, "connection closed", "tcp");
        }
        ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            report();
            return io_error(fmt::format("sending to {} failed after {} of {} bytes", m_peer, done,
                                        bytes.size()));
        }
        pollfd waiting{m_fd, POLLOUT, 0};
        int ready = ::poll(&waiting, 1, remaining_ms(deadline));
        if (ready == 0) {
            report();
            return fail(ErrorCode::Timeout,
                        fmt::format("{} took no data for {} ms ({} of {} bytes sent)", m_peer,
                                    timeout.count(), done, bytes.size()),
                        "tcp");
        }
    }
    report();
    return {};
}

Result<std::string> TcpConnection::read_until(const std::function<bool(std::string_view)>& complete,
                                              std::chrono::milliseconds timeout) {
    auto deadline = SteadyClock::now() + timeout;
    std::string received;
    while (!complete(received)) {
        if (m_fd < 0) return fail(ErrorCode::Io, "connection closed", "tcp");
        pollfd waiting{m_fd, POLLIN, 0};
        int ready = ::poll(&waiting, 1, remaining_ms(deadline));
        if (ready == 0)
            return fail(ErrorCode::Timeout,
                        fmt::format("{} did not answer within {} ms{}", m_peer, timeout.count(),
                                    received.empty() ? "" : " (the answer was incomplete)"),
                        "tcp");
        if (ready < 0 && errno != EINTR) return io_error("waiting for " + m_peer);
        char buffer[4096];
        ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n == 0)
            return fail(ErrorCode::Io, fmt::format("{} closed the connection", m_peer), "tcp");
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            return io_error("reading from " + m_peer);
        }
        received.append(buffer, static_cast<std::size_t>(n));
    }
    return received;
}

}  // namespace rs::devices
