// Tests of the reference platform over real loopback HTTP: routes, tokens, limits, faults.
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>

#include <set>
#include "tests/unit/tools/platform/platform_fixture.h"

#include "labels/codes/tracking_numbers.h"
#include "tools/platform/platform_server.h"
#include "tools/platform/waybill_numbers.h"

using namespace rs;
using nlohmann::json;

namespace {

struct Reply {
    int status = 0;
    std::string body;
    std::string retry_after;
    json document() const { return json::parse(body, nullptr, false); }
};

struct ServerFixture : test::PlatformStoreFixture {
    std::unique_ptr<platform::PlatformServer> server;

    explicit ServerFixture(platform::FaultOptions faults = {}) {
        platform::ServerOptions options;
        options.tokens["station-token"] = "bench-1";
        options.admin_token = "admin-token";
        options.max_batch = 3;
        options.faults = faults;
        auto started = platform::PlatformServer::start(store, options);
        REQUIRE(started);
        server = std::move(*started);
    }

    Reply request(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& token = "station-token",
                  const std::string& type = "application/json") {
        Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) request.set("Authorization", "Bearer " + token);
        if (!body.empty() || method != "GET") {
            request.setContentType(type);
            request.setContentLength64(static_cast<Poco::Int64>(body.size()));
        }
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        Reply reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
        reply.status = static_cast<int>(response.getStatus());
        reply.retry_after = response.get("Retry-After", "");
        return reply;
    }

    Reply post_events(std::vector<json> events, const std::string& station = "bench-1") {
        return request("POST", "/v1/events",
                       json{{"station_id", station}, {"events", json(events)}}.dump());
    }
};

}  // namespace

TEST_CASE_METHOD(ServerFixture, "health needs no token and names the API version") {
    auto reply = request("GET", "/v1/health", "", "");
    CHECK(reply.status == 200);
    CHECK(reply.document()["api_version"] == "1");
    CHECK(server->url() == "http://127.0.0.1:" + std::to_string(server->port()));
}

TEST_CASE_METHOD(ServerFixture, "the API wants a known bearer token and the token's own station") {
    auto missing = request("GET", "/v1/rmas", "", "");
    CHECK(missing.status == 401);
    CHECK(missing.document()["error"]["code"] == "unauthorized");
    CHECK(request("GET", "/v1/rmas", "", "wrong").status == 401);
    auto other = post_events({test::inspected_event(1, "a", 1)}, "bench-9");
    CHECK(other.status == 403);
    CHECK_THAT(other.document()["error"]["message"].get<std::string>(),
               Catch::Contains("belongs to station bench-1"));
}

TEST_CASE_METHOD(ServerFixture, "events get one result each, in order") {
    auto reply = post_events({test::inspected_event(1, "a", 1), test::inspected_event(1, "a", 1)});
    REQUIRE(reply.status == 200);
    auto results = reply.document()["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["status"] == "accepted");
    CHECK(results[1]["status"] == "duplicate");
}

TEST_CASE_METHOD(ServerFixture, "bad batches are refused whole with a reason") {
    CHECK(request("POST", "/v1/events", "{not json").status == 400);
    CHECK(request("POST", "/v1/events", R"({"station_id": "bench-1"})").status == 400);
    auto many = post_events({test::inspected_event(1, "a", 1), test::inspected_event(2, "a", 2),
                             test::inspected_event(3, "a", 3), test::inspected_event(4, "a", 4)});
    CHECK(many.status == 413);
    CHECK(many.document()["error"]["code"] == "too_many_events");
    CHECK(request("GET", "/v1/events").status == 405);
    CHECK(request("GET", "/v1/nothing").status == 404);
}

TEST_CASE_METHOD(ServerFixture, "RMAs are listed in pages with an opaque cursor") {
    auto first = request("GET", "/v1/rmas?limit=3");
    REQUIRE(first.status == 200);
    auto page = first.document();
    CHECK(page["rmas"].size() == 3);
    CHECK(page["has_more"] == true);
    auto rest = request("GET", "/v1/rmas?limit=3&cursor=" + page["next_cursor"].get<std::string>());
    CHECK(rest.document()["rmas"].size() == 2);
    CHECK(rest.document()["has_more"] == false);
    CHECK(request("GET", "/v1/rmas?cursor=abc").status == 400);
    CHECK(request("GET", "/v1/rmas?limit=0").status == 400);
    CHECK(request("GET", "/v1/rmas?limit=501").status == 400);
}

TEST_CASE_METHOD(ServerFixture, "photos are put under their SHA-256, idempotently") {
    // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    const std::string digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    CHECK(request("PUT", "/v1/photos/" + digest, "abc", "station-token", "image/jpeg").status ==
          201);
    CHECK(request("PUT", "/v1/photos/" + digest, "abc", "station-token", "image/jpeg").status ==
          200);
    auto mismatch = request("PUT", "/v1/photos/" + digest, "abd", "station-token", "image/jpeg");
    CHECK(mismatch.status == 400);
    CHECK(mismatch.document()["error"]["code"] == "digest_mismatch");
    CHECK(request("PUT", "/v1/photos/" + digest, "abc", "station-token", "text/plain").status ==
          415);
    CHECK(request("PUT", "/v1/photos/ABC", "abc", "station-token", "image/jpeg").status == 400);
    CHECK(store->stats()->photos == 1);
}

TEST_CASE_METHOD(ServerFixture, "the admin API plays the platform's people") {
    CHECK(request("GET", "/admin/v1/stats").status == 401);  // a station token is not enough
    CHECK(request("POST", "/admin/v1/rmas/seed-rma-27000003/cancel", "", "admin-token").status ==
          200);
    CHECK(request("POST", "/admin/v1/rmas/nope/cancel", "", "admin-token").status == 404);
    auto quote = request("POST", "/admin/v1/rmas/seed-rma-27000001/quote",
                         R"({"decision": "approved"})", "admin-token");
    CHECK(quote.status == 409);  // no quote was sent
    auto added =
        request("PUT", "/admin/v1/rmas",
                json{{"rmas", platform::generated_rmas(1, 28000000)}}.dump(), "admin-token");
    CHECK(added.status == 200);
    auto stats = request("GET", "/admin/v1/stats", "", "admin-token");
    CHECK(stats.document()["rmas"] == 6);
}

TEST_CASE_METHOD(ServerFixture, "the customer rates a closed RMA; the rating is served with it") {
    const std::string open_rma = "/admin/v1/rmas/seed-rma-27000001/rating";
    CHECK(request("POST", open_rma, R"({"rating": 5})", "admin-token").status == 409);
    auto closed = platform::generated_rmas(1, 28000000);
    closed[0]["status"] = "closed";
    REQUIRE(request("PUT", "/admin/v1/rmas", json{{"rmas", closed}}.dump(), "admin-token").status ==
            200);
    const std::string path = "/admin/v1/rmas/" + closed[0]["id"].get<std::string>() + "/rating";
    for (const char* bad : {R"({"rating": 0})", R"({"rating": 6})", R"({"rating": "5"})",
                            R"({"rating": 4.5})", R"({"rating": 4, "comment": 3})", "{}"}) {
        INFO(bad);
        CHECK(request("POST", path, bad, "admin-token").status == 400);
    }
    auto rated = request("POST", path, R"({"rating": 4, "comment": "修得快"})", "admin-token");
    CHECK(rated.status == 200);
    auto rmas = request("GET", "/v1/rmas?limit=500").document()["rmas"];
    bool served = false;
    for (const auto& rma : rmas)
        if (rma["id"] == closed[0]["id"]) {
            served = true;
            CHECK(rma["satisfaction"]["rating"] == 4);
            CHECK(rma["satisfaction"]["comment"] == "修得快");
            CHECK(rma["satisfaction"]["rated_ms"].is_number_integer());
        } else {
            CHECK_FALSE(rma.contains("satisfaction"));
        }
    CHECK(served);
}

TEST_CASE("injected errors and throttling answer before any work") {
    ServerFixture fixture(platform::FaultOptions{.throttle_rate = 1.0, .retry_after_s = 7});
    auto throttled = fixture.post_events({test::inspected_event(1, "a", 1)});
    CHECK(throttled.status == 429);
    CHECK(throttled.retry_after == "7");
    ServerFixture failing(platform::FaultOptions{.error_rate = 1.0});
    auto failed = failing.post_events({test::inspected_event(1, "a", 1)});
    CHECK(failed.status >= 500);
    CHECK(failing.store->stats()->events == 0);
    // Health is never disturbed.
    CHECK(failing.request("GET", "/v1/health", "", "").status == 200);
}

TEST_CASE("a dropped answer comes after the commit") {
    ServerFixture fixture(platform::FaultOptions{.drop_after_commit_rate = 1.0});
    CHECK_THROWS_AS(fixture.post_events({test::inspected_event(1, "a", 1)}),
                    Poco::Net::NoMessageException);
    CHECK(fixture.store->stats()->events == 1);
}

TEST_CASE("a malformed answer comes after the commit") {
    ServerFixture fixture(platform::FaultOptions{.malformed_rate = 1.0});
    auto reply = fixture.post_events({test::inspected_event(1, "a", 1)});
    CHECK(reply.status == 200);
    auto document = reply.document();
    bool usable = document.is_object() && document.contains("results") &&
                  document["results"].is_array() && !document["results"].empty() &&
                  document["results"][0].value("status", "") == "accepted";
    CHECK_FALSE(usable);
    CHECK(fixture.store->stats()->events == 1);
}

TEST_CASE_METHOD(ServerFixture, "waybill numbers are issued once each, valid for their carrier") {
    auto ask = [&](const std::string& carrier, int count, const std::string& id) {
        return request("POST", "/v1/waybills",
                       json{{"carrier", carrier}, {"count", count}, {"request_id", id}}.dump());
    };
    std::set<std::string> seen;
    for (std::string_view carrier : platform::waybill_carriers()) {
        auto first = ask(std::string(carrier), 30, "req-" + std::string(carrier));
        REQUIRE(first.status == 201);
        auto numbers = first.document()["numbers"];
        REQUIRE(numbers.size() == 30);
        for (const auto& number : numbers) {
            INFO(carrier << " " << number);
            // Checked with the station's own code tables, which know each carrier's check digit.
            CHECK(labels::is_tracking_number_of(carrier, number.get<std::string>()));
            CHECK(seen.insert(number.get<std::string>()).second);
        }
        // The same request again (an answer lost on the way): the same numbers, no new ones.
        auto again = ask(std::string(carrier), 30, "req-" + std::string(carrier));
        CHECK(again.status == 200);
        CHECK(again.document()["numbers"] == numbers);
        auto next = ask(std::string(carrier), 1, "req-next-" + std::string(carrier));
        REQUIRE(next.status == 201);
        CHECK(seen.insert(next.document()["numbers"][0].get<std::string>()).second);
    }
    auto unknown = ask("Pony Express", 1, "x");
    CHECK(unknown.status == 400);
    CHECK_THAT(unknown.document()["error"]["message"].get<std::string>(),
               Catch::Contains("SF Express"));
    CHECK(ask("UPS", 0, "y").status == 400);
    CHECK(ask("UPS", 501, "z").status == 400);
    CHECK(request("POST", "/v1/waybills", R"({"carrier": "UPS", "count": 1})").status == 400);
    CHECK(request("GET", "/v1/waybills").status == 405);
}
