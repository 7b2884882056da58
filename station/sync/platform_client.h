// PlatformClient: one keep-alive HTTP(S) connection to the platform, with certificate checks.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
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
// Not thread-safe: one client per thread.
class PlatformClient {
public:
    static Result<std::unique_ptr<PlatformClient>> create(const SyncConfig& config);
    ~PlatformClient();

    Result<HttpReply> get(const std::string& path_and_query);
    Result<HttpReply> post_json(const std::string& path, const std::string& body);
    Result<HttpReply> put(const std::string& path, std::string_view body,
                          const std::string& content_type);

    const std::string& url() const { return m_url; }

private:
    PlatformClient(std::string url, std::string token,
                   std::unique_ptr<Poco::Net::HTTPClientSession>);
    Result<HttpReply> exchange(const std::string& method, const std::string& path,
                               std::string_view body, const std::string& content_type);

    std::string m_url;
    std::string m_token;
    std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
};

// Parses a Retry-After value: delta-seconds or an HTTP date (RFC 9110 section 10.2.3).
std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value,
                                                           std::int64_t now_ms);

}  // namespace rs::station
