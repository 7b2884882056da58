// ScriptedHttpServer: a misbehaving HTTP peer on loopback, for tests of what our clients survive.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rs::test {

struct HttpRequest {
    std::string method;
    std::string target;  // path and query
    std::string body;
};

// What the script does with one accepted connection: it may answer at once, trickle, or wait.
class HttpPeer {
public:
    explicit HttpPeer(int fd, const std::atomic<bool>& stopping) : m_fd(fd), m_stopping(stopping) {}
    // Sends all of `bytes`; false once the client has gone or the server stops.
    bool send(const std::string& bytes);
    // Sends `bytes` one at a time, `pause` apart (a peer that trickles its answer).
    bool trickle(const std::string& bytes, std::chrono::milliseconds pause);
    // A whole answer with Content-Length.
    bool answer(int status, const std::string& body,
                const std::string& content_type = "application/json");

private:
    int m_fd;
    const std::atomic<bool>& m_stopping;
};

// Serves one request per connection (Connection: close semantics, whatever the client asks),
// one connection at a time, on 127.0.0.1 with a port of its own; every request is kept.
class ScriptedHttpServer {
public:
    using Script = std::function<void(const HttpRequest&, HttpPeer&)>;

    explicit ScriptedHttpServer(Script script);
    ~ScriptedHttpServer();
    ScriptedHttpServer(const ScriptedHttpServer&) = delete;
    ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

    std::string url() const;
    std::vector<HttpRequest> requests();
    std::size_t request_count();

private:
    void serve();
    bool read_request(int fd, HttpRequest& request);

    Script m_script;
    int m_listener = -1;
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
    std::thread m_thread;
};

}  // namespace rs::test
