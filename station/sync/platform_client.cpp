// PlatformClient: Poco HTTP(S) session handling; every Poco exception becomes an Error here.
#include "station/sync/platform_client.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <mutex>
#include <regex>

namespace rs::station {
namespace {

constexpr std::size_t k_max_reply_bytes = 64 * 1024 * 1024;

Error transport_error(ErrorCode code, std::string message) {
    return Error{code, std::move(message), "sync"};
}

void initialize_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        // A platform that hangs up while we write must give an error, not kill the station.
        std::signal(SIGPIPE, SIG_IGN);
        Poco::Net::initializeSSL();
    });
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(const std::string& value,
                                                           std::int64_t now_ms) {
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string::npos) {
        if (value.size() > 9) return std::chrono::milliseconds(std::int64_t{999999999} * 1000);
        return std::chrono::milliseconds(std::stoll(value) * 1000);
    }
    // IMF-fixdate, the form senders must use (RFC 9110 section 5.6.7); Poco's parser alone
    // would also take "soon".
    static const std::regex k_imf_fixdate(
        R"(^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$)");
    if (!std::regex_match(value, k_imf_fixdate)) return std::nullopt;
    Poco::DateTime when;
    int zone = 0;
    if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, value, when, zone))
        return std::nullopt;
    std::int64_t at_ms = when.timestamp().epochMicroseconds() / 1000 - zone * 1000LL;
    return std::chrono::milliseconds(std::max<std::int64_t>(0, at_ms - now_ms));
}

PlatformClient::PlatformClient(const SyncConfig& config,
                               std::unique_ptr<Poco::Net::HTTPClientSession> session,
                               std::function<bool()> stop_requested)
    : m_url(config.url),
      m_token(config.token),
      m_request_deadline(config.request_deadline),
      m_session(std::move(session)),
      m_watchdog(std::move(stop_requested)) {}

PlatformClient::~PlatformClient() = default;

Result<std::unique_ptr<PlatformClient>> PlatformClient::create(
    const SyncConfig& config, std::function<bool()> stop_requested) {
    if (!config.enabled())
        return fail(ErrorCode::Invalid,
                    "sync is not configured: add a [platform] section with url and token (see "
                    "docs/configuration.md)",
                    "sync");
    initialize_once();
    try {
        Poco::URI uri(config.url);
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (uri.getScheme() == "https") {
            if (!config.ca_file.empty() && !std::filesystem::exists(config.ca_file))
                return fail(ErrorCode::Invalid,
                            fmt::format("[platform] ca_file {} not found", config.ca_file), "sync");
            // STRICT: the host name is checked against the certificate even on a loopback
            // address (Poco skips that check for loopback hosts in RELAXED mode).
            Poco::Net::Context::Ptr context = new Poco::Net::Context(
                Poco::Net::Context::TLS_CLIENT_USE, config.ca_file,
                Poco::Net::Context::VERIFY_STRICT, 9, config.ca_file.empty());
            context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
            Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject =
                new Poco::Net::RejectCertificateHandler(false);
            context->setInvalidCertificateHandler(reject);
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                                      context);
        } else {
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        Poco::Timespan timeout(
            std::chrono::duration_cast<std::chrono::microseconds>(config.timeout).count());
        session->setTimeout(timeout, timeout, timeout);
        session->setKeepAlive(true);
        return std::unique_ptr<PlatformClient>(
            new PlatformClient(config, std::move(session), std::move(stop_requested)));
    } catch (const Poco::Exception& error) {
        return fail(
            ErrorCode::Invalid,
            fmt::format("cannot set up the connection to {}: {}", config.url, error.displayText()),
            "sync");
    }
}

Result<HttpReply> PlatformClient::get(const std::string& path_and_query) {
    return exchange("GET", path_and_query, {}, {});
}

Result<HttpReply> PlatformClient::post_json(const std::string& path, const std::string& body) {
    return exchange("POST", path, body, "application/json");
}

Result<HttpReply> PlatformClient::put(const std::string& path, std::string_view body,
                                      const std::string& content_type) {
    return exchange("PUT", path, body, content_type);
}

Result<HttpReply> PlatformClient::exchange(const std::string& method, const std::string& path,
                                           std::string_view body, const std::string& content_type) {
    auto deadline = std::chrono::steady_clock::now() + m_request_deadline;
    auto reply = send_and_receive(method, path, body, content_type, deadline);
    // Disarmed before the session may close its socket (the watchdog holds its number).
    switch (m_watchdog.disarm()) {
        case RequestWatchdog::Verdict::Finished:
            break;
        case RequestWatchdog::Verdict::Deadline:
            reply = std::unexpected(transport_error(
                ErrorCode::Timeout,
                fmt::format("the platform at {} did not finish answering within {} s "
                            "([platform] request_deadline_ms)",
                            m_url, std::chrono::duration<double>(m_request_deadline).count())));
            break;
        case RequestWatchdog::Verdict::Stopped:
            reply = std::unexpected(transport_error(
                ErrorCode::Timeout,
                fmt::format("the exchange with the platform at {} was cut short: the sync is "
                            "stopping",
                            m_url)));
            break;
    }
    if (!reply) m_session->reset();
    return reply;
}

Result<HttpReply> PlatformClient::send_and_receive(const std::string& method,
                                                   const std::string& path, std::string_view body,
                                                   const std::string& content_type,
                                                   std::chrono::steady_clock::time_point deadline) {
    try {
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        request.set("Authorization", "Bearer " + m_token);
        request.set("Accept", "application/json");
        request.set("User-Agent", "repair-station/0.1");
        request.setKeepAlive(true);
        if (!content_type.empty()) {
            request.setContentType(content_type);
            request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        }
        std::ostream& out = m_session->sendRequest(request);
        m_watchdog.arm([this] { return static_cast<int>(m_session->socket().impl()->sockfd()); },
                       deadline);
        out.write(body.data(), static_cast<std::streamsize>(body.size()));
        out.flush();
        Poco::Net::HTTPResponse response;
        std::istream& in = m_session->receiveResponse(response);
        HttpReply reply;
        reply.status = static_cast<int>(response.getStatus());
        char buffer[65536];
        while (in) {
            in.read(buffer, sizeof buffer);
            reply.body.append(buffer, static_cast<std::size_t>(in.gcount()));
            if (reply.body.size() > k_max_reply_bytes) {
                return std::unexpected(transport_error(
                    ErrorCode::Protocol, fmt::format("the platform at {} answered more than {} MB",
                                                     m_url, k_max_reply_bytes >> 20)));
            }
        }
        if (response.has("Retry-After"))
            reply.retry_after =
                parse_retry_after(response.get("Retry-After"),
                                  std::chrono::duration_cast<std::chrono::milliseconds>(
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count());
        return reply;
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return std::unexpected(transport_error(
            ErrorCode::Io, fmt::format("the platform at {} refused the connection (is it running? "
                                       "is [platform] url right?)",
                                       m_url)));
    } catch (const Poco::TimeoutException&) {
        return std::unexpected(transport_error(
            ErrorCode::Timeout,
            fmt::format("no answer from the platform at {} in time ([platform] timeout_ms)",
                        m_url)));
    } catch (const Poco::Net::NoMessageException&) {
        return std::unexpected(transport_error(
            ErrorCode::Io,
            fmt::format("the platform at {} closed the connection without answering", m_url)));
    } catch (const Poco::Net::CertificateValidationException& error) {
        return std::unexpected(transport_error(
            ErrorCode::Protocol,
            fmt::format("the certificate of the platform at {} was refused ({}): [platform] "
                        "ca_file must hold the CA that signed it, and the url's host must be "
                        "named in it",
                        m_url, error.displayText())));
    } catch (const Poco::Net::SSLException& error) {
        return std::unexpected(transport_error(
            ErrorCode::Protocol,
            fmt::format("TLS with the platform at {} failed ({}): check [platform] ca_file and "
                        "that the url's host is named in the platform's certificate",
                        m_url, error.displayText())));
    } catch (const Poco::Net::HostNotFoundException& error) {
        return std::unexpected(transport_error(
            ErrorCode::Io, fmt::format("cannot find the platform's host ({}): check [platform] url",
                                       error.displayText())));
    } catch (const Poco::Exception& error) {
        return std::unexpected(transport_error(
            ErrorCode::Io,
            fmt::format("talking to the platform at {} failed: {}", m_url, error.displayText())));
    } catch (const std::exception& error) {
        return std::unexpected(transport_error(
            ErrorCode::Io,
            fmt::format("talking to the platform at {} failed: {}", m_url, error.what())));
    }
}

}  // namespace rs::station
