// PlatformServer: routing, bearer tokens, limits and fault injection around the PlatformStore.
#include "tools/platform/platform_server.h"

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <thread>

#include "common/clock.h"
#include "common/logger.h"
#include "common/sha256.h"
#include "tools/platform/waybill_numbers.h"

namespace rs::platform {
namespace {

using json = nlohmann::json;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

const Logger k_log("platform");

// What a handler needs; shared by every connection thread.
struct Shared {
    std::shared_ptr<PlatformStore> store;
    ServerOptions options;
    FaultInjector faults;
    std::atomic<int> error_turn{0};

    Shared(std::shared_ptr<PlatformStore> s, const ServerOptions& o)
        : store(std::move(s)), options(o), faults(o.faults) {}
};

// A reply prepared by a route, sent (or broken) once the work is committed.
struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    bool work_done = false;  // something was committed: drop/malformed faults apply after it
};

Reply error_reply(int status, const std::string& code, const std::string& message) {
    return Reply{status, json{{"error", {{"code", code}, {"message", message}}}}.dump()};
}

Reply json_reply(int status, const json& body) {
    return Reply{status, body.dump(), "application/json", true};
}

Reply store_error(const Error& error) {
    switch (error.code) {
        case ErrorCode::Invalid:
            return error_reply(400, "invalid_request", error.message);
        case ErrorCode::NotFound:
            return error_reply(404, "not_found", error.message);
        case ErrorCode::Conflict:
            return error_reply(409, "conflict", error.message);
        default:
            k_log.error("store: {}", error.describe());
            return error_reply(500, "internal", "the platform's store failed; try again later");
    }
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::string bearer_token(const HTTPServerRequest& request) {
    std::string header = request.get("Authorization", "");
    if (!starts_with(header, "Bearer ")) return {};
    return header.substr(7);
}

// Reads at most `limit` bytes; nullopt when the body is larger.
std::optional<std::string> read_body(HTTPServerRequest& request, std::size_t limit) {
    if (request.hasContentLength() && request.getContentLength64() > static_cast<long long>(limit))
        return std::nullopt;
    std::string body;
    char buffer[65536];
    std::istream& in = request.stream();
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) return std::nullopt;
    }
    return body;
}

std::optional<std::int64_t> parse_number(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit ApiHandler(Shared& shared) : m_shared(shared) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        try {
            handle(request, response);
        } catch (const Poco::Exception& error) {
            k_log.warn("{} {}: {}", request.getMethod(), request.getURI(), error.displayText());
            if (!response.sent()) send(response, error_reply(500, "internal", "request failed"));
        } catch (const std::exception& error) {
            k_log.warn("{} {}: {}", request.getMethod(), request.getURI(), error.what());
            if (!response.sent()) send(response, error_reply(500, "internal", "request failed"));
        }
    }

private:
    void handle(HTTPServerRequest& request, HTTPServerResponse& response) {
        Poco::URI uri(request.getURI());
        const std::string path = uri.getPath();
        const std::string& method = request.getMethod();
        if (path == "/v1/health") {
            if (method != "GET") return send(response, method_not_allowed("GET"));
            return send(response, json_reply(200, {{"status", "ok"},
                                                   {"api_version", "1"},
                                                   {"server_time", format_utc_ms(now())}}));
        }
        if (starts_with(path, "/admin/v1/")) return send(response, admin(request, uri, path));
        if (!starts_with(path, "/v1/"))
            return send(response, error_reply(404, "not_found", "no such resource: " + path));

        auto station = m_shared.options.tokens.find(bearer_token(request));
        if (station == m_shared.options.tokens.end()) {
            response.set("WWW-Authenticate", "Bearer");
            return send(response, error_reply(401, "unauthorized",
                                              "missing or unknown bearer token for this platform"));
        }
        const FaultOptions& faults = m_shared.faults.options();
        Fault fault = faults.any() ? m_shared.faults.next() : Fault::None;
        if (faults.latency_ms > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(faults.latency_ms));
        if (fault == Fault::Error) {
            static constexpr int k_statuses[] = {500, 502, 503};
            int status = k_statuses[m_shared.error_turn++ % 3];
            return send(response, error_reply(status, "injected_fault",
                                              "fault injected by the reference platform"));
        }
        if (fault == Fault::Throttle) {
            response.set("Retry-After", std::to_string(faults.retry_after_s));
            return send(response, error_reply(429, "too_many_requests",
                                              "slow down: retry after the Retry-After delay"));
        }

        Reply reply = route(request, uri, path, station->second);
        if (reply.work_done && fault == Fault::DropAfterCommit) {
            // The work is committed; the station never learns it. It must send again.
            auto& impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request);
            response.setKeepAlive(false);
            impl.socket().shutdown();
            return;
        }
        if (reply.work_done && fault == Fault::Malformed)
            reply.body = m_shared.faults.malformed_body(path, reply.body);
        send(response, reply);
    }

    Reply route(HTTPServerRequest& request, const Poco::URI& uri, const std::string& path,
                const std::string& station_id) {
        const std::string& method = request.getMethod();
        if (path == "/v1/rmas") {
            if (method != "GET") return method_not_allowed("GET");
            return list_rmas(uri);
        }
        if (path == "/v1/events") {
            if (method != "POST") return method_not_allowed("POST");
            return post_events(request, station_id);
        }
        if (path == "/v1/waybills") {
            if (method != "POST") return method_not_allowed("POST");
            return post_waybills(request, station_id);
        }
        if (starts_with(path, "/v1/photos/")) {
            if (method != "PUT") return method_not_allowed("PUT");
            return put_photo(request, path.substr(11), station_id);
        }
        return error_reply(404, "not_found", "no such resource: " + path);
    }

    Reply list_rmas(const Poco::URI& uri) {
        std::int64_t cursor = 0;
        int limit = 100;
        for (const auto& [name, value] : uri.getQueryParameters()) {
            if (name == "cursor" && !value.empty()) {
                auto number = parse_number(value);
                if (!number)
                    return error_reply(400, "invalid_cursor",
                                       "cursor must be a value from next_cursor (or empty)");
                cursor = *number;
            } else if (name == "limit") {
                auto number = parse_number(value);
                if (!number || *number < 1 || *number > m_shared.options.max_page)
                    return error_reply(
                        400, "invalid_limit",
                        fmt::format("limit must be 1..{}", m_shared.options.max_page));
                limit = static_cast<int>(*number);
            }
        }
        auto page = m_shared.store->rmas_since(cursor, limit);
        if (!page) return store_error(page.error());
        return json_reply(200, {{"rmas", page->rmas},
                                {"next_cursor", std::to_string(page->next_cursor)},
                                {"has_more", page->has_more}});
    }

    Reply post_events(HTTPServerRequest& request, const std::string& station_id) {
        auto body = read_body(request, m_shared.options.max_body_bytes);
        if (!body)
            return error_reply(
                413, "too_large",
                fmt::format("a batch may hold at most {} bytes", m_shared.options.max_body_bytes));
        json document = json::parse(*body, nullptr, false);
        if (document.is_discarded() || !document.is_object())
            return error_reply(400, "invalid_json", "the body must be a JSON object");
        auto events = document.find("events");
        if (events == document.end() || !events->is_array())
            return error_reply(400, "invalid_request", "\"events\" must be a list");
        if (static_cast<int>(events->size()) > m_shared.options.max_batch)
            return error_reply(
                413, "too_many_events",
                fmt::format("a batch may hold at most {} events", m_shared.options.max_batch));
        auto sender = document.find("station_id");
        if (sender == document.end() || !sender->is_string())
            return error_reply(400, "invalid_request", "\"station_id\" must be a string");
        if (*sender != station_id)
            return error_reply(403, "forbidden",
                               fmt::format("this token belongs to station {}, not {}", station_id,
                                           sender->get<std::string>()));
        auto results = m_shared.store->record_events(station_id, *events);
        if (!results) return store_error(results.error());
        json list = json::array();
        for (const auto& result : *results) {
            json item = {{"id", result.id}, {"status", result.status}};
            if (result.status == "rejected") {
                item["code"] = result.code;
                item["reason"] = result.reason;
            }
            list.push_back(std::move(item));
        }
        return json_reply(200, {{"results", std::move(list)}});
    }

    // A range of waybill numbers for the station's pool: {"carrier", "count", "request_id"}.
    Reply post_waybills(HTTPServerRequest& request, const std::string& station_id) {
        auto body = read_body(request, m_shared.options.max_body_bytes);
        if (!body) return error_reply(413, "too_large", "the request is too large");
        json document = json::parse(*body, nullptr, false);
        if (document.is_discarded() || !document.is_object())
            return error_reply(400, "invalid_json", "the body must be a JSON object");
        auto carrier = document.find("carrier");
        auto count = document.find("count");
        auto request_id = document.find("request_id");
        if (carrier == document.end() || !carrier->is_string() || count == document.end() ||
            !count->is_number_integer() || request_id == document.end() ||
            !request_id->is_string() || request_id->get<std::string>().empty())
            return error_reply(400, "invalid_request",
                               "send {\"carrier\": \"SF Express\", \"count\": 1..500, "
                               "\"request_id\": \"a new id per request\"}");
        std::string name = carrier->get<std::string>();
        auto known = waybill_carriers();
        if (std::find(known.begin(), known.end(), name) == known.end())
            return error_reply(400, "unknown_carrier",
                               fmt::format("no waybill range for carrier \"{}\"; ranges: {}", name,
                                           fmt::join(known, ", ")));
        auto wanted = count->get<std::int64_t>();
        if (wanted < 1 || wanted > 500)
            return error_reply(400, "invalid_count", "count must be 1..500");
        auto issue = m_shared.store->issue_waybills(station_id, name, static_cast<int>(wanted),
                                                    request_id->get<std::string>());
        if (!issue) return store_error(issue.error());
        return json_reply(
            issue->repeated ? 200 : 201,
            {{"carrier", issue->carrier}, {"batch", issue->batch}, {"numbers", issue->numbers}});
    }

    Reply put_photo(HTTPServerRequest& request, const std::string& sha256,
                    const std::string& station_id) {
        bool hex = sha256.size() == 64 &&
                   sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
        if (!hex)
            return error_reply(400, "invalid_digest",
                               "the path must end in the photo's SHA-256 as 64 lower-case hex "
                               "digits");
        std::string type = request.getContentType();
        if (type != "image/jpeg" && type != "image/png")
            return error_reply(415, "unsupported_media_type",
                               "Content-Type must be image/jpeg or image/png");
        auto body = read_body(request, m_shared.options.max_photo_bytes);
        if (!body)
            return error_reply(
                413, "too_large",
                fmt::format("a photo may hold at most {} bytes", m_shared.options.max_photo_bytes));
        if (body->empty()) return error_reply(400, "empty", "the photo is empty");
        std::string actual = rs::sha256_hex(*body);
        if (actual != sha256)
            return error_reply(400, "digest_mismatch",
                               fmt::format("the body's SHA-256 is {}, not {}", actual, sha256));
        auto created = m_shared.store->put_photo(sha256, *body, type, station_id);
        if (!created) return store_error(created.error());
        return json_reply(*created ? 201 : 200,
                          {{"sha256", sha256}, {"status", *created ? "created" : "exists"}});
    }

    Reply admin(HTTPServerRequest& request, const Poco::URI& uri, const std::string& path) {
        const std::string& token = m_shared.options.admin_token;
        if (token.empty()) return error_reply(404, "not_found", "the admin API is off");
        if (bearer_token(request) != token)
            return error_reply(401, "unauthorized", "the admin API needs the admin token");
        const std::string& method = request.getMethod();
        if (path == "/admin/v1/stats") {
            auto stats = m_shared.store->stats();
            if (!stats) return store_error(stats.error());
            return json_reply(200, {{"events", stats->events},
                                    {"deliveries", stats->deliveries},
                                    {"rejections", stats->rejections},
                                    {"rmas", stats->rmas},
                                    {"photos", stats->photos},
                                    {"faults", m_shared.faults.counts()}});
        }
        if (path == "/admin/v1/events") {
            std::string rma_id;
            for (const auto& [name, value] : uri.getQueryParameters())
                if (name == "rma_id") rma_id = value;
            auto events = m_shared.store->events(rma_id, 100000);
            if (!events) return store_error(events.error());
            return json_reply(200, {{"events", *events}});
        }
        if (path == "/admin/v1/rmas") {
            if (method != "PUT") return method_not_allowed("PUT");
            auto body = read_body(request, m_shared.options.max_body_bytes);
            if (!body) return error_reply(413, "too_large", "too many RMAs at once");
            json document = json::parse(*body, nullptr, false);
            if (document.is_object() && document.contains("rmas")) document = document["rmas"];
            if (!document.is_array())
                return error_reply(400, "invalid_json", "expected {\"rmas\": [...]} or a list");
            auto stored = m_shared.store->upsert_rmas(document.get<std::vector<json>>());
            if (!stored) return store_error(stored.error());
            return json_reply(200, {{"stored", document.size()}});
        }
        // /admin/v1/rmas/{id}/cancel, /admin/v1/rmas/{id}/quote and /admin/v1/rmas/{id}/rating
        const std::string prefix = "/admin/v1/rmas/";
        if (starts_with(path, prefix) && method == "POST") {
            std::string rest = path.substr(prefix.size());
            auto slash = rest.rfind('/');
            if (slash != std::string::npos) {
                std::string id = rest.substr(0, slash);
                std::string action = rest.substr(slash + 1);
                if (action == "cancel") {
                    auto done = m_shared.store->cancel_rma(id);
                    if (!done) return store_error(done.error());
                    return json_reply(200, {{"id", id}, {"status", "cancelled"}});
                }
                if (action == "quote") {
                    auto body = read_body(request, 4096);
                    json document = json::parse(body.value_or(""), nullptr, false);
                    std::string decision = document.is_object() && document.contains("decision") &&
                                                   document["decision"].is_string()
                                               ? document["decision"].get<std::string>()
                                               : "";
                    auto done = m_shared.store->decide_quote(id, decision);
                    if (!done) return store_error(done.error());
                    return json_reply(200, {{"id", id}, {"quote", decision}});
                }
                if (action == "rating") return rate(request, id);
            }
        }
        return error_reply(404, "not_found", "no such admin resource: " + path);
    }

    // {"rating": 1..5, "comment": "..."}: the customer rates the closed case.
    Reply rate(HTTPServerRequest& request, const std::string& id) {
        auto body = read_body(request, 16384);
        json document = json::parse(body.value_or(""), nullptr, false);
        if (!document.is_object() || !document.contains("rating") ||
            !document["rating"].is_number_integer())
            return error_reply(400, "invalid_rating",
                               "expected {\"rating\": a whole number 1..5, \"comment\": text}");
        auto comment = document.find("comment");
        if (comment != document.end() && !comment->is_null() && !comment->is_string())
            return error_reply(400, "invalid_rating", "\"comment\" must be text");
        std::int64_t rating = document["rating"].get<std::int64_t>();
        std::string text =
            comment != document.end() && comment->is_string() ? comment->get<std::string>() : "";
        auto done = m_shared.store->rate_rma(id, rating, text);
        if (!done) return store_error(done.error());
        return json_reply(200, {{"id", id}, {"rating", rating}, {"comment", text}});
    }

    static Reply method_not_allowed(const char* allowed) {
        return error_reply(405, "method_not_allowed", fmt::format("use {}", allowed));
    }

    static std::int64_t now() { return SystemClock::instance().now_ms(); }

    static void send(HTTPServerResponse& response, const Reply& reply) {
        response.setStatus(static_cast<HTTPResponse::HTTPStatus>(reply.status));
        response.setContentType(reply.content_type);
        response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
        response.sendBuffer(reply.body.data(), reply.body.size());
    }

    Shared& m_shared;
};

class HandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit HandlerFactory(Shared& shared) : m_shared(shared) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new ApiHandler(m_shared);
    }

private:
    Shared& m_shared;
};

}  // namespace

struct PlatformServer::Impl {
    Shared shared;
    Poco::ThreadPool pool;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    std::uint16_t port = 0;
    bool tls = false;
    std::string host;

    Impl(std::shared_ptr<PlatformStore> store, const ServerOptions& options)
        : shared(std::move(store), options), pool(2, options.max_threads + 2) {}
};

PlatformServer::PlatformServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

PlatformServer::~PlatformServer() {
    stop();
}

Result<std::unique_ptr<PlatformServer>> PlatformServer::start(std::shared_ptr<PlatformStore> store,
                                                              const ServerOptions& options) {
    // A station that hangs up mid-answer must not kill the server with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    auto impl = std::make_unique<Impl>(std::move(store), options);
    impl->host = options.bind;
    try {
        Poco::Net::SocketAddress address(options.bind, options.port);
        Poco::Net::ServerSocket socket;
        if (!options.tls_certificate.empty() || !options.tls_key.empty()) {
            if (options.tls_certificate.empty() || options.tls_key.empty())
                return fail(ErrorCode::Invalid,
                            "HTTPS needs both a certificate and its private key", "platform");
            Poco::Net::Context::Ptr context = new Poco::Net::Context(
                Poco::Net::Context::TLS_SERVER_USE, options.tls_key, options.tls_certificate, "",
                Poco::Net::Context::VERIFY_NONE);
            context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
            socket = Poco::Net::SecureServerSocket(address, 64, context);
            impl->tls = true;
        } else {
            socket = Poco::Net::ServerSocket(address, 64);
        }
        impl->port = socket.address().port();
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(options.max_threads);
        params->setMaxQueued(128);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(30, 0));
        params->setKeepAliveTimeout(Poco::Timespan(30, 0));
        impl->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(impl->shared),
                                                               impl->pool, socket, params);
        impl->server->start();
    } catch (const Poco::Exception& error) {
        return fail(ErrorCode::Io,
                    fmt::format("cannot serve on {}:{}: {}", options.bind, options.port,
                                error.displayText()),
                    "platform");
    }
    k_log.info("listening on {}:{}", options.bind, impl->port);
    return std::unique_ptr<PlatformServer>(new PlatformServer(std::move(impl)));
}

std::uint16_t PlatformServer::port() const {
    return m_impl->port;
}

std::string PlatformServer::url() const {
    return fmt::format("{}://{}:{}", m_impl->tls ? "https" : "http", m_impl->host, m_impl->port);
}

std::map<std::string, std::int64_t> PlatformServer::fault_counts() const {
    return m_impl->shared.faults.counts();
}

void PlatformServer::stop() {
    if (!m_impl || !m_impl->server) return;
    m_impl->server->stopAll(true);
    m_impl->server.reset();
    m_impl->pool.joinAll();
}

}  // namespace rs::platform
