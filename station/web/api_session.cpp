// Routes of signing in and out, the station's public facts and the route list.
#include <fmt/format.h>

#include "station/bench/bench_registry.h"
#include "station/people/pins.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

std::string session_cookie(const WebContext& context, const std::string& token, bool clear) {
    return fmt::format("rs_session={}; Path=/; HttpOnly; SameSite=Strict{}{}", token,
                       context.web.https() ? "; Secure" : "", clear ? "; Max-Age=0" : "");
}

ApiReply station_info(WebContext& context, ApiRequest& request) {
    auto bench = context.sessions.bench_session();
    return json_reply(200, {{"station_id", context.config.station_id},
                            {"demo", context.demo},
                            {"languages", {"en", "zh"}},
                            {"at_bench", request.at_bench},
                            {"bench_signed_in", bench.has_value()}});
}

ApiReply list_routes(WebContext&, ApiRequest&) {
    nlohmann::json routes = nlohmann::json::array();
    for (const auto& route : api_routes()) {
        nlohmann::json roles = nlohmann::json::array();
        for (Role role : route.roles)
            roles.push_back(name_of(role));
        routes.push_back({{"method", route.method},
                          {"path", route.pattern},
                          {"access", route.access == Access::Public     ? "public"
                                     : route.access == Access::Optional ? "optional"
                                     : route.access == Access::Bench    ? "bench"
                                                                        : "session"},
                          {"roles", roles},
                          {"summary", route.summary}});
    }
    return json_reply(200, {{"routes", routes}});
}

ApiReply sign_in(WebContext& context, ApiRequest& request) {
    const auto& body = request.body;
    if (!body.is_object() || !body.contains("badge") || !body["badge"].is_string() ||
        !body.contains("pin") || !body["pin"].is_string())
        return error_reply(400, "invalid", "send {\"badge\": \"OP-...\", \"pin\": \"1234\"}");
    // At a registered bench (its agent hosts the scanners there): {"bench": "NAME"}.
    std::string bench;
    if (!text_field(body, "bench", bench))
        return error_reply(400, "invalid", "\"bench\" must be the name of a registered bench");
    if (!bench.empty()) {
        Result<bool> known = [&] {
            std::lock_guard lock(context.store_mutex);
            return bench_exists(*context.store, bench);
        }();
        if (!known) return error_reply(known.error());
        if (!*known)
            return error_reply(404, "unknown_bench",
                               "no bench named " + bench + " is registered (station benches add)");
    }
    std::string badge = body["badge"].get<std::string>();
    std::string pin = body["pin"].get<std::string>();
    Result<PinCheck> check = [&] {
        std::lock_guard lock(context.store_mutex);
        return check_pin(*context.store, badge, pin, context.web.lockout_ms);
    }();
    if (!check) return error_reply(check.error());
    switch (check->outcome) {
        case PinCheck::Outcome::Accepted:
            break;
        case PinCheck::Outcome::Locked: {
            auto reply = error_reply(
                423, "locked",
                fmt::format("too many wrong PINs: this badge is locked for {} minutes; a "
                            "supervisor can set a new PIN to unlock it",
                            (check->locked_until_ms - context.store->now_ms() + 59'999) / 60'000));
            return reply;
        }
        case PinCheck::Outcome::NoPin:
            return error_reply(401, "no_pin",
                               "this badge has no PIN yet: ask a supervisor to set one "
                               "(station operators set-pin)");
        case PinCheck::Outcome::UnknownBadge:
        case PinCheck::Outcome::Wrong: {
            auto reply = json_reply(401, {{"error",
                                           {{"code", "wrong_pin"},
                                            {"message", "badge or PIN not accepted"},
                                            {"attempts_left", check->attempts_left}}}});
            return reply;
        }
    }
    std::optional<WebSession> displaced;
    WebSession session = context.sessions.create(*check->person, request.at_bench || !bench.empty(),
                                                 context.store->now_ms(), &displaced, bench);
    if (session.at_bench) seat_at_bench(context, bench, session.person.id);
    auto reply = json_reply(200, {{"operator", operator_json(session.person)},
                                  {"at_bench", session.at_bench},
                                  {"bench", session.bench},
                                  {"idle_ms", context.sessions.idle_ms()}});
    reply.headers.emplace_back("Set-Cookie", session_cookie(context, session.token, false));
    return reply;
}

ApiReply who_am_i(WebContext& context, ApiRequest& request) {
    const WebSession& session = *request.session;
    return json_reply(200, {{"operator", operator_json(session.person)},
                            {"at_bench", session.at_bench},
                            {"idle_ms", context.sessions.idle_ms()}});
}

ApiReply sign_out(WebContext& context, ApiRequest& request) {
    auto removed = context.sessions.remove(request.session->token);
    if (removed && removed->at_bench) seat_at_bench(context, removed->bench, "");
    {
        std::lock_guard lock(context.store_mutex);
        context.intake.erase(request.session->token);
    }
    auto reply = json_reply(200, {{"signed_out", true}});
    reply.headers.emplace_back("Set-Cookie", session_cookie(context, "", true));
    return reply;
}

}  // namespace

void add_session_routes(std::vector<Route>& routes) {
    routes.push_back({"GET",
                      "/api/v1/station",
                      Access::Public,
                      {},
                      "The station's name, languages and whether someone is signed in at the "
                      "bench",
                      station_info});
    routes.push_back({"GET",
                      "/api/v1/routes",
                      Access::Public,
                      {},
                      "Every route of this API with who may call it",
                      list_routes});
    routes.push_back({"POST",
                      "/api/v1/session",
                      Access::Public,
                      {},
                      "Sign in with a badge and its PIN",
                      sign_in});
    routes.push_back({"GET", "/api/v1/session", Access::Session, {}, "Who is signed in", who_am_i});
    routes.push_back({"DELETE", "/api/v1/session", Access::Session, {}, "Sign out", sign_out});
    routes.push_back({"GET",
                      "/api/v1/events",
                      Access::Optional,
                      {},
                      "WebSocket of numbered events; ?since=N resumes after event N",
                      nullptr});
}

}  // namespace rs::station
