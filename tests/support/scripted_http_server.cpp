// ScriptedHttpServer: plain POSIX sockets, so that it can do what a well-behaved server library
// would never do (trickle headers, stall, answer nonsense).
#include "tests/support/scripted_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string_view>

namespace rs::test {

bool HttpPeer::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        if (m_stopping) return false;
        ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool HttpPeer::trickle(const std::string& bytes, std::chrono::milliseconds pause) {
    for (char byte : bytes) {
        if (!send(std::string(1, byte))) return false;
        // Sleep in small steps so the server can stop between bytes.
        for (auto left = pause; left.count() > 0; left -= std::chrono::milliseconds(20)) {
            if (m_stopping) return false;
            std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(20)));
        }
    }
    return true;
}

bool HttpPeer::answer(int status, const std::string& body, const std::string& content_type) {
    return send("HTTP/1.1 " + std::to_string(status) + " Scripted\r\nContent-Type: " +
                content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\nConnection: close\r\n\r\n" + body);
}

ScriptedHttpServer::ScriptedHttpServer(Script script) : m_script(std::move(script)) {
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listener < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(m_listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 16) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("cannot listen on loopback");
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
    m_stopping = true;
    m_thread.join();
    ::close(m_listener);
}

std::string ScriptedHttpServer::url() const {
    return "http://127.0.0.1:" + std::to_string(m_port);
}

std::vector<HttpRequest> ScriptedHttpServer::requests() {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::size_t ScriptedHttpServer::request_count() {
    std::lock_guard lock(m_mutex);
    return m_requests.size();
}

bool ScriptedHttpServer::read_request(int fd, HttpRequest& request) {
    std::string data;
    char buffer[8192];
    std::size_t header_end = std::string::npos;
    std::size_t body_length = 0;
    for (;;) {
        if (header_end != std::string::npos && data.size() >= header_end + 4 + body_length) break;
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, 100) == 0) {
            if (m_stopping) return false;
            continue;
        }
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        data.append(buffer, static_cast<std::size_t>(n));
        if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != data.npos) {
            std::string_view head(data.data(), header_end);
            for (std::string name : {"Content-Length: ", "content-length: "})
                if (auto at = head.find(name); at != head.npos)
                    body_length = std::stoul(std::string(head.substr(at + name.size())));
        }
    }
    std::string_view line(data.data(), data.find("\r\n"));
    auto space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    request.target = std::string(line.substr(space + 1, line.rfind(' ') - space - 1));
    request.body = data.substr(header_end + 4, body_length);
    return true;
}

void ScriptedHttpServer::serve() {
    while (!m_stopping) {
        pollfd ready{m_listener, POLLIN, 0};
        if (::poll(&ready, 1, 100) <= 0) continue;
        int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        HttpRequest request;
        if (read_request(fd, request)) {
            {
                std::lock_guard lock(m_mutex);
                m_requests.push_back(request);
            }
            HttpPeer peer(fd, m_stopping);
            m_script(request, peer);
        }
        ::close(fd);
    }
}

}  // namespace rs::test
