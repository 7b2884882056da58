// The web room's pieces without a server: the event hub's resume, sessions' idle end, [web],
// and the route table's matching.
#include <catch2/catch.hpp>

#include "station/web/event_hub.h"
#include "station/web/sessions.h"
#include "station/web/web_api.h"
#include "station/web/web_config.h"

namespace rs::station {
namespace {

TEST_CASE("the event hub numbers events and gives what a client missed", "[web]") {
    EventHub hub(3);
    CHECK(hub.publish("scan", Audience::Bench, {{"code", "A"}}, 1) == 1);
    CHECK(hub.publish("order", Audience::Everyone, {}, 2) == 2);
    auto missed = hub.since(1);
    CHECK(missed.complete);
    REQUIRE(missed.events.size() == 1);
    CHECK(missed.events[0].seq == 2);
    CHECK(hub.since(2).events.empty());
    // Past what is kept: incomplete, so the client reloads instead of showing a gap.
    hub.publish("a", Audience::Everyone, {}, 3);
    hub.publish("b", Audience::Everyone, {}, 4);
    hub.publish("c", Audience::Everyone, {}, 5);
    CHECK_FALSE(hub.since(0).complete);
    CHECK(hub.since(2).complete);
    CHECK(hub.since(2).events.size() == 3);
    // A number from another run of the station (ahead of this one) is incomplete too.
    CHECK_FALSE(hub.since(99).complete);
    CHECK(hub.wait_after(4, std::chrono::milliseconds(0)));
    CHECK_FALSE(hub.wait_after(5, std::chrono::milliseconds(1)));
    auto wire = nlohmann::json::parse(hub.since(4).events.at(0).wire());
    CHECK(wire["seq"] == 5);
    CHECK(wire["type"] == "c");
}

TEST_CASE("sessions end after the idle time and the bench has one person", "[web]") {
    SessionTable sessions(1000);
    Operator wang{"OP-0001U", "Wang", Role::Warehouse};
    Operator zhao{"OP-0002S", "Zhao", Role::Technician};
    auto first = sessions.create(wang, true, 0);
    CHECK(first.token.size() == 64);
    CHECK(sessions.use(first.token, 900));
    CHECK(sessions.use(first.token, 1800));  // each use restarts the idle time
    std::optional<WebSession> displaced;
    auto second = sessions.create(zhao, true, 1800, &displaced);
    REQUIRE(displaced);
    CHECK(displaced->person.id == wang.id);
    CHECK(sessions.bench_session()->token == second.token);
    CHECK_FALSE(sessions.use("not-a-token", 1800));
    CHECK_FALSE(sessions.use(first.token, 3000));  // idle 1200 ms > 1000
    auto expired = sessions.expire(3000);
    CHECK(expired.size() == 2);
    CHECK_FALSE(sessions.bench_session());
    auto third = sessions.create(wang, false, 0);
    CHECK(sessions.remove(third.token));
    CHECK_FALSE(sessions.use(third.token, 1));
}

TEST_CASE("[web] refuses plain HTTP beyond this machine and unknown keys", "[web]") {
    auto parse = [](const std::string& text) {
        auto config = parse_config(text, "test.toml");
        REQUIRE(config);
        return parse_web_config(*config);
    };
    auto defaults = parse("");
    REQUIRE(defaults);
    CHECK(defaults->bind == "127.0.0.1");
    CHECK(defaults->port == 8080);
    CHECK_FALSE(defaults->https());
    auto lan = parse("[web]\nbind = \"0.0.0.0\"\n");
    REQUIRE_FALSE(lan);
    CHECK(lan.error().message.find("HTTPS") != std::string::npos);
    CHECK(parse("[web]\nbind = \"0.0.0.0\"\ncertificate = \"c.pem\"\nkey = \"k.pem\"\n"));
    CHECK_FALSE(parse("[web]\ncertificate = \"c.pem\"\n"));
    CHECK_FALSE(parse("[web]\nprot = 80\n"));
    CHECK_FALSE(parse("[web]\nport = 70000\n"));
    auto tuned = parse("[web]\nport = 0\nidle_minutes = 2\n");
    REQUIRE(tuned);
    CHECK(tuned->port == 0);
    CHECK(tuned->idle_ms == 120'000);
}

// Found writing tests/fuzz/fuzz_web_request (regression_number_overflow in its corpus): a number
// too large for a double throws out_of_range, which the server's catch of parse_error missed (a
// 500 "the request failed" instead of a 400). A body is also held to the depth limit of every
// other JSON the station reads (regression_deep), before routes copy parts of it.
TEST_CASE("request bodies: JSON within limits, or an Invalid that says why", "[web]") {
    auto parsed = parse_json_body(R"({"to":"diagnosing","note":"ok","n":[1,2.5]})");
    REQUIRE(parsed);
    CHECK((*parsed)["to"] == "diagnosing");
    for (const std::string& body : {std::string(R"({"weight_kg":1e400})"), std::string("{\"to\":"),
                                    std::string(60000, '[') + std::string(60000, ']')}) {
        auto refused = parse_json_body(body);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == ErrorCode::Invalid);
        CHECK(refused.error().message.rfind("the body is not JSON: ", 0) == 0);
    }
}

TEST_CASE("routes match by segment and capture parameters", "[web]") {
    std::map<std::string, std::string> params;
    bool known = false;
    const Route* route = match_route("POST", "/api/v1/orders/RO-000001X/moves", params, known);
    REQUIRE(route);
    CHECK(std::string(route->pattern) == "/api/v1/orders/{number}/moves");
    CHECK(params["number"] == "RO-000001X");
    CHECK_FALSE(match_route("DELETE", "/api/v1/orders/RO-1/moves", params, known));
    CHECK(known);  // the path exists: 405, not 404
    CHECK_FALSE(match_route("GET", "/api/v1/orders/RO-1/moves/x", params, known));
    CHECK_FALSE(known);
    CHECK_FALSE(match_route("GET", "/api/v1/orders//moves", params, known));
    for (const auto& each : api_routes())
        CHECK((each.access != Access::Session || each.handler != nullptr));
}

}  // namespace
}  // namespace rs::station
