// See center_client.h.
#include "bench/center_client.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include <stdexcept>
#include <vector>

namespace rs::bench {
namespace {

using Clock = std::chrono::steady_clock;

Reply exchange(Poco::Net::HTTPClientSession& session, Poco::Net::HTTPRequest& request,
               const std::string& body, Poco::Net::HTTPResponse& response) {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    Reply reply{static_cast<int>(response.getStatus()),
                nlohmann::json::parse(text, nullptr, false)};
    if (reply.body.is_discarded()) reply.body = text;
    return reply;
}

}  // namespace

BenchScreen::BenchScreen(std::string host, int port, const std::string& badge,
                         const std::string& pin, const std::string& bench)
    : m_host(std::move(host)), m_port(port), m_api(m_host, static_cast<Poco::UInt16>(port)) {
    m_api.setKeepAlive(true);
    m_api.setTimeout(Poco::Timespan(30, 0));  // a server that stops answering ends the run
    Poco::Net::HTTPRequest sign_in(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/session",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    sign_in.set("Origin", origin());
    Poco::Net::HTTPResponse response;
    Reply signed_in =
        exchange(m_api, sign_in,
                 nlohmann::json{{"badge", badge}, {"pin", pin}, {"bench", bench}}.dump(), response);
    std::string cookie = response.get("Set-Cookie", "");
    if (signed_in.status != 200 || cookie.empty())
        throw std::runtime_error(fmt::format("{} cannot sign in at {}: {} {}", badge, bench,
                                             signed_in.status, signed_in.body.dump()));
    m_cookie = cookie.substr(0, cookie.find(';'));

    m_events_session =
        std::make_unique<Poco::Net::HTTPClientSession>(m_host, static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest upgrade(Poco::Net::HTTPRequest::HTTP_GET, "/api/v1/events",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    upgrade.set("Cookie", m_cookie);
    upgrade.set("Origin", origin());
    Poco::Net::HTTPResponse upgraded;
    m_events = std::make_unique<Poco::Net::WebSocket>(*m_events_session, upgrade, upgraded);
}

BenchScreen::~BenchScreen() {
    try {
        if (m_events) m_events->shutdown();
    } catch (const Poco::Exception&) {
        // The server may be gone already: nothing to close then.
    }
}

std::string BenchScreen::origin() const {
    return fmt::format("http://{}:{}", m_host, m_port);
}

std::optional<nlohmann::json> BenchScreen::wait_for_scan(const std::string& code,
                                                         std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    std::vector<char> buffer(1 << 16);
    while (Clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
        m_events->setReceiveTimeout(Poco::Timespan(std::max<long>(1000, left.count())));
        int flags = 0, got = 0;
        try {
            got = m_events->receiveFrame(buffer.data(), static_cast<int>(buffer.size()), flags);
        } catch (const Poco::TimeoutException&) {
            return std::nullopt;
        }
        if (got <= 0) return std::nullopt;  // the server closed the screen
        auto message = nlohmann::json::parse(
            std::string(buffer.data(), static_cast<std::size_t>(got)), nullptr, false);
        if (message.is_object() && message.value("type", "") == "scan" &&
            message["data"].is_object() && message["data"].value("code", "") == code)
            return message["data"];
    }
    return std::nullopt;
}

Reply BenchScreen::post(const std::string& path, const nlohmann::json& body) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path,
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Cookie", m_cookie);
    request.set("Origin", origin());
    std::string text = body.is_null() ? "" : body.dump();
    try {
        Poco::Net::HTTPResponse response;
        return exchange(m_api, request, text, response);
    } catch (const Poco::Exception& error) {
        m_api.reset();  // a new connection for the next call
        return {0, error.displayText()};
    }
}

}  // namespace rs::bench
