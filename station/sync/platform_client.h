// PlatformClient: one keep-alive HTTP(S) connection to the platform, with certificate checks.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "station/sync/request_watchdog.h"
#include "station/sync/sync_config.h"

namespace Poco::Net {
class HTTPClientSession;
}

namespace rs::station {

struct HttpReply {
    int status = 0;
    std::string body;
    std::optional<std::chrono::milliseconds> retry_after;  // from a Retry-After header
};

// Transport only: any answer (even 500) is a reply; no answer (refused, timeout, certificate
// refused, connection closed) is an Error whose message says what a person can check.
// Every exchange ends within [platform] request_deadline_ms, and soon after `stop_requested`
// says so (ErrorCode::Timeout for both). Not thread-safe: one exchange at a time.
class PlatformClient {
public:
    static Result<std::unique_ptr<PlatformClient>> create(
        const SyncConfig& config, std::function<bool()> stop_requested = {});
    ~PlatformClient();

    Result<HttpReply> get(const std::string& path_and_query);
    Result<HttpReply> post_json(const std::string& path, const std::string& body);
    Result<HttpReply> put(const std::string& path, std::string_view body,
                          const std::string& content_type);

    const std::string& url() const { return m_url; }
    // The stop request given to create(): loops over many exchanges ask it between them.
    bool stop_requested() const { return m_watchdog.stop_requested(); }

private:
    PlatformClient(const SyncConfig& config, std::unique_ptr<Poco::Net::HTTPClientSession>,
                   std::function<bool()> stop_requested);
    Result<HttpReply> exchange(const std::string& method, const std::string& path,
                               std::string_view body, const std::string& content_type);
    // The exchange itself, watched from the moment the request is on its way; Poco's exceptions
    // become Errors here.
    Result<HttpReply> send_and_receive(const std::string& method, const std::string& path,
                                       std::string_view body, const std::string& content_type,
                                       std::chrono::steady_clock::time_point deadline);

    std::string m_url;
    std::string m_token;
    std::chrono::milliseconds m_request_deadline;
    std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
    RequestWatchdog m_watchdog;
};

// Parses a Retry-After value: delta-seconds or an HTTP date (RFC 9110 section 10.2.3).
std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value,
                                                           std::int64_t now_ms);

}  // namespace rs::station
