// TcpConnection: a client socket with a deadline on every step (connect, write, read), for
// peers such as printers that may stop answering.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace rs::devices {

class TcpConnection {
public:
    TcpConnection() = default;
    ~TcpConnection();
    TcpConnection(TcpConnection&& other) noexcept;
    TcpConnection& operator=(TcpConnection&& other) noexcept;
    TcpConnection(const TcpConnection&) = delete;
    TcpConnection& operator=(const TcpConnection&) = delete;

    // host is a name or address; the connection is refused, times out or succeeds.
    static Result<TcpConnection> connect(const std::string& host, int port,
                                         std::chrono::milliseconds timeout);

    // Writes everything; on failure `written` (if given) tells how many bytes were accepted.
    Status write_all(std::string_view bytes, std::chrono::milliseconds timeout,
                     std::size_t* written = nullptr);
    // Reads until `complete(received)` is true, the peer closes, or the timeout passes.
    Result<std::string> read_until(const std::function<bool(std::string_view)>& complete,
                                   std::chrono::milliseconds timeout);
    void close();
    bool is_open() const { return m_fd >= 0; }
    const std::string& peer() const { return m_peer; }

private:
    TcpConnection(int fd, std::string peer) : m_fd(fd), m_peer(std::move(peer)) {}
    int m_fd = -1;
    std::string m_peer;
};

}  // namespace rs::devices
