// WebServer: every request passes the same checks in the same order before a route sees it.
#include "station/web/web_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <atomic>
#include <csignal>

#include "common/logger.h"
#include "station/bench/bench_registry.h"
#include "station/people/operators.h"
#include "station/web/web_assets.h"

namespace rs::station {
namespace {

using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

const Logger k_log("web");

struct Shared {
    WebContext& context;
    std::atomic<bool> stopping{false};
};

bool state_changing(const std::string& method) {
    return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void send(HTTPServerResponse& response, const ApiReply& reply) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType(reply.content_type);
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : reply.headers)
        response.add(name, value);
    response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
    response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
}

// At most `limit` bytes; nullopt when the body is larger.
std::optional<std::string> read_body(HTTPServerRequest& request, std::size_t limit) {
    if (request.hasContentLength() &&
        request.getContentLength64() > static_cast<Poco::Int64>(limit))
        return std::nullopt;
    std::string body;
    char buffer[16384];
    std::istream& in = request.stream();
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) return std::nullopt;
    }
    return body;
}

class Handler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(Shared& shared) : m_shared(shared), m_context(shared.context) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        try {
            handle(request, response);
        } catch (const Poco::Exception& error) {
            k_log.warn("{} {}: {}", request.getMethod(), request.getURI(), error.displayText());
            if (!response.sent())
                send(response, error_reply(500, "internal", "the request failed"));
        } catch (const std::exception& error) {
            k_log.warn("{} {}: {}", request.getMethod(), request.getURI(), error.what());
            if (!response.sent())
                send(response, error_reply(500, "internal", "the request failed"));
        }
    }

private:
    void handle(HTTPServerRequest& request, HTTPServerResponse& response) {
        const std::string& target = request.getURI();
        std::string raw_path = target.substr(0, target.find('?'));
        if (raw_path.rfind("/api/", 0) == 0) return api(request, response, raw_path);
        serve_static(request, response, raw_path);
    }

    // Only the files built into the program, by their exact path: "..", "%2e%2e" and any other
    // spelling name no file there, so they are 404.
    void serve_static(HTTPServerRequest& request, HTTPServerResponse& response,
                      const std::string& raw_path) {
        if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
            response.setKeepAlive(false);  // its body is never read
            return send(response, error_reply(405, "method_not_allowed", "static files: GET"));
        }
        std::string path = raw_path == "/" ? "/index.html" : raw_path;
        const auto& assets = web_assets();
        auto found = assets.find(path);
        if (found == assets.end())
            return send(response, error_reply(404, "not_found", "no such file"));
        ApiReply reply{
            200, std::string(found->second.bytes), std::string(found->second.content_type), {}};
        reply.headers = {{"Content-Security-Policy",
                          "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
                         {"X-Frame-Options", "DENY"},
                         {"Referrer-Policy", "no-referrer"}};
        send(response, reply);
    }

    bool same_origin(const HTTPServerRequest& request) const {
        std::string origin = request.get("Origin", "");
        std::string expected =
            fmt::format("{}://{}", m_context.web.https() ? "https" : "http", request.getHost());
        return !origin.empty() && origin == expected;
    }

    std::optional<WebSession> session_of(const HTTPServerRequest& request) const {
        Poco::Net::NameValueCollection cookies;
        request.getCookies(cookies);
        auto found = cookies.find("rs_session");
        if (found == cookies.end() || found->second.empty()) return std::nullopt;
        return m_context.sessions.use(found->second, m_context.store->now_ms());
    }

    void api(HTTPServerRequest& request, HTTPServerResponse& response,
             const std::string& raw_path) {
        // Answered before the body is read: the connection closes, so that an unread body is
        // never taken for the next request.
        auto refuse = [](HTTPServerResponse& answer, const ApiReply& reply) {
            answer.setKeepAlive(false);
            send(answer, reply);
        };
        ApiRequest api_request;
        api_request.method = request.getMethod();
        api_request.path = raw_path;
        bool path_known = false;
        const Route* route =
            match_route(api_request.method, raw_path, api_request.params, path_known);
        if (!route) {
            if (path_known)
                return refuse(response, error_reply(405, "method_not_allowed",
                                                    "this method is not allowed here"));
            return refuse(response, error_reply(404, "not_found", "no such route: " + raw_path));
        }
        // A bench agent proves itself with its token, not a cookie: no page can borrow it.
        if (route->access == Access::Bench) {
            auto bench = bench_of(request);
            if (!bench) return refuse(response, error_reply(401, "unauthorized", bench.error()));
            api_request.bench = *bench;
            return answer(request, response, *route, api_request);
        }
        // A state change (and the WebSocket) only from a page this server served: a page of
        // another site cannot act with the person's cookie.
        bool websocket = route->handler == nullptr;
        if ((state_changing(api_request.method) || websocket) && !same_origin(request))
            return refuse(response, error_reply(403, "foreign_origin",
                                                "refused: the request does not come from this "
                                                "station's own pages (Origin header)"));
        api_request.session = session_of(request);
        api_request.at_bench = request.clientAddress().host().isLoopback();
        if (route->access == Access::Session && !api_request.session)
            return refuse(response,
                          error_reply(401, "unauthorized", "sign in first (badge and PIN)"));
        if (api_request.session) {
            // The same check as the command line: the person still exists and has the role.
            Result<Operator> person = [&] {
                std::lock_guard lock(m_context.store_mutex);
                return require_operator(*m_context.store, api_request.session->person.id,
                                        route->roles, "web");
            }();
            if (!person) {
                if (person.error().code == ErrorCode::Conflict)
                    return refuse(response, error_reply(403, "forbidden", person.error().message));
                if (route->access == Access::Session)
                    return refuse(response,
                                  error_reply(401, "unauthorized", person.error().message));
                api_request.session.reset();
            } else {
                api_request.session->person = *person;
            }
        }
        for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
            api_request.query[name] = value;
        if (websocket) return events(request, response, api_request);
        answer(request, response, *route, api_request);
    }

    // The bench named by the request's `Authorization: Bearer TOKEN`, or why not.
    std::expected<std::string, std::string> bench_of(const HTTPServerRequest& request) {
        std::string header = request.get("Authorization", "");
        static constexpr std::string_view k_bearer = "Bearer ";
        if (header.rfind(k_bearer, 0) != 0 || header.size() == k_bearer.size())
            return std::unexpected(
                "a bench agent sends its token: Authorization: Bearer TOKEN ([bench] token_file)");
        Result<Bench> bench = [&] {
            std::lock_guard lock(m_context.store_mutex);
            return bench_for_token(*m_context.store, header.substr(k_bearer.size()));
        }();
        if (!bench) return std::unexpected(bench.error().message);
        return bench->name;
    }

    // Reads the JSON body and hands the request to its route.
    void answer(HTTPServerRequest& request, HTTPServerResponse& response, const Route& route,
                ApiRequest& api_request) {
        auto refuse = [](HTTPServerResponse& answer, const ApiReply& reply) {
            answer.setKeepAlive(false);
            send(answer, reply);
        };
        auto body = read_body(request, m_context.web.max_body_bytes);
        if (!body)
            return refuse(response, error_reply(413, "too_large",
                                                fmt::format("the request body is over {} bytes",
                                                            m_context.web.max_body_bytes)));
        if (!body->empty()) {
            auto parsed = parse_json_body(*body);
            if (!parsed)
                return refuse(response, error_reply(400, "malformed_json", parsed.error().message));
            api_request.body = std::move(*parsed);
        }
        send(response, route.handler(m_context, api_request));
    }

    static bool visible(const WebEvent& event, const std::optional<WebSession>& session) {
        switch (event.audience) {
            case Audience::Everyone:
                return session.has_value();
            case Audience::Bench:
                return session && session->at_bench && session->bench == event.bench;
            case Audience::SignIn:
                // Only this machine's sign-in screen opens a socket without a session.
                return !session && event.bench.empty();
        }
        return false;
    }

    // The WebSocket: a hello naming this run and the newest number, then what was missed after
    // ?since=N (when it is still kept: else the hello says to reload), then events as they come.
    void events(HTTPServerRequest& request, HTTPServerResponse& response, ApiRequest& api) {
        std::optional<WebSession> session = api.session;
        if (!session && !api.at_bench)
            return send(response,
                        error_reply(401, "unauthorized", "sign in first (badge and PIN)"));
        std::int64_t cursor = m_context.hub.last_seq();
        bool complete = true;
        if (auto since = api.query.find("since"); since != api.query.end()) {
            bool same_run =
                !api.query.contains("epoch") || api.query["epoch"] == m_context.hub.epoch();
            std::int64_t asked = std::atoll(since->second.c_str());
            if (same_run && asked <= cursor && asked >= 0) {
                cursor = asked;
            } else {
                complete = false;
            }
        }
        auto missed = m_context.hub.since(cursor);
        if (!missed.complete) {
            complete = false;
            missed.events.clear();
            cursor = m_context.hub.last_seq();
            missed = m_context.hub.since(cursor);
        }
        Poco::Net::WebSocket socket(request, response);
        socket.setSendTimeout(Poco::Timespan(5, 0));
        auto send_text = [&](const std::string& text) {
            socket.sendFrame(text.data(), static_cast<int>(text.size()),
                             Poco::Net::WebSocket::FRAME_TEXT);
        };
        send_text(nlohmann::json{{"type", "hello"},
                                 {"epoch", m_context.hub.epoch()},
                                 {"seq", m_context.hub.last_seq()},
                                 {"complete", complete},
                                 {"signed_in", session.has_value()}}
                      .dump());
        auto deliver = [&](const std::vector<WebEvent>& list) {
            for (const auto& event : list) {
                cursor = std::max(cursor, event.seq);
                if (visible(event, session)) send_text(event.wire());
            }
        };
        deliver(missed.events);
        char buffer[1024];
        auto last_check = std::chrono::steady_clock::now();
        while (!m_shared.stopping) {
            if (m_context.hub.wait_after(cursor, std::chrono::milliseconds(250))) {
                // Who is at the bench may have changed since the socket opened.
                if (session) {
                    auto now = m_context.sessions.bench_session(session->bench);
                    session->at_bench = now && now->token == session->token;
                }
                deliver(m_context.hub.since(cursor).events);
            }
            if (socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                int flags = 0;
                int got = socket.receiveFrame(buffer, sizeof buffer, flags);
                int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
                if (got <= 0 || opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) break;
                if (opcode == Poco::Net::WebSocket::FRAME_OP_PING)
                    socket.sendFrame(buffer, got,
                                     static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                                         static_cast<int>(Poco::Net::WebSocket::FRAME_OP_PONG));
            }
            auto now = std::chrono::steady_clock::now();
            if (now - last_check > std::chrono::seconds(2)) {
                last_check = now;
                // Signed out or idle too long: the socket ends and the page asks to sign in.
                if (session && !m_context.sessions.alive(session->token, m_context.store->now_ms()))
                    break;
                // The sign-in screen's socket ends once someone signs in at the bench.
            }
        }
        try {
            socket.shutdown();
        } catch (const Poco::Exception&) {
        }
    }

    Shared& m_shared;
    WebContext& m_context;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit HandlerFactory(Shared& shared) : m_shared(shared) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new Handler(m_shared);
    }

private:
    Shared& m_shared;
};

}  // namespace

struct WebServer::Impl {
    Shared shared;
    // Its own pool: Poco's default one holds 16 threads, and every open WebSocket keeps one.
    Poco::ThreadPool pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;

    explicit Impl(WebContext& context) : shared{context}, pool(4, context.web.max_threads + 4) {}
};

WebServer::WebServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

WebServer::~WebServer() {
    stop();
}

Result<std::unique_ptr<WebServer>> WebServer::start(WebContext& context) {
    std::signal(SIGPIPE, SIG_IGN);  // a browser that goes away mid-answer
    auto impl = std::make_unique<Impl>(context);
    const WebConfig& web = context.web;
    try {
        Poco::Net::SocketAddress address(web.bind, static_cast<Poco::UInt16>(web.port));
        Poco::Net::ServerSocket socket;
        if (web.https()) {
            Poco::Net::Context::Ptr tls =
                new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, web.key, web.certificate,
                                       "", Poco::Net::Context::VERIFY_NONE);
            tls->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
            socket = Poco::Net::SecureServerSocket(address, 64, tls);
        } else {
            socket = Poco::Net::ServerSocket(address, 64);
        }
        impl->port = socket.address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(web.max_threads);
        params->setMaxQueued(256);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(30, 0));
        params->setKeepAliveTimeout(Poco::Timespan(30, 0));
        impl->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(impl->shared),
                                                               impl->pool, socket, params);
        impl->server->start();
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Io,
                    fmt::format("cannot serve the web UI on {}:{}: {} (another program on that "
                                "port? set [web] port)",
                                web.bind, web.port, error.displayText()),
                    "web");
    }
    return std::unique_ptr<WebServer>(new WebServer(std::move(impl)));
}

std::uint16_t WebServer::port() const {
    return m_impl->port;
}

std::string WebServer::url() const {
    const WebConfig& web = m_impl->shared.context.web;
    return fmt::format("{}://{}:{}/", web.https() ? "https" : "http", web.bind, m_impl->port);
}

void WebServer::stop() {
    if (!m_impl || !m_impl->server) return;
    m_impl->shared.stopping = true;
    m_impl->shared.context.hub.wake_all();
    m_impl->server->stopAll(true);
    m_impl->server.reset();
    m_impl->pool.joinAll();
}

}  // namespace rs::station
