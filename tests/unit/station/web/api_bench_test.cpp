// The server's side of bench agents: a scan delivered twice is applied once and answered as a
// duplicate, routed for the person signed in at that bench only.
#include <catch2/catch.hpp>

#include "common/uuid.h"
#include "station/bench/bench_registry.h"
#include "station/bench/bench_seats.h"
#include "station/bench/scan_wire.h"
#include "tests/unit/station/web/web_fixture.h"

using rs::test::WebFixture;

namespace {

struct BenchFixture : WebFixture {
    rs::UuidGenerator ids;

    BenchFixture() {
        REQUIRE(rs::station::add_bench(*store, "receiving-1"));
        REQUIRE(rs::station::add_bench(*store, "receiving-2"));
        import({rs::test::rma_json(1, "SF1402398761234")});
    }

    rs::station::ApiReply deliver(const std::string& bench, const rs::station::BenchScan& scan) {
        rs::station::ApiRequest request;
        request.method = "POST";
        request.path = "/api/v1/bench/scans";
        request.bench = bench;
        request.body = rs::station::bench_scan_json(scan);
        bool known = false;
        const auto* route = rs::station::match_route("POST", request.path, request.params, known);
        REQUIRE(route);
        REQUIRE(route->access == rs::station::Access::Bench);
        return route->handler(*web, request);
    }

    // What the server tells the bench's agent (POST /api/v1/bench/status).
    nlohmann::json status(const std::string& bench) {
        rs::station::ApiRequest request;
        request.bench = bench;
        bool known = false;
        const auto* route =
            rs::station::match_route("POST", "/api/v1/bench/status", request.params, known);
        REQUIRE(route);
        auto reply = route->handler(*web, request);
        REQUIRE(reply.status == 200);
        return WebFixture::json_of(reply);
    }

    rs::station::BenchScan parcel() {
        return {ids.next(), rs::Scan{"sim:bench", "SF1402398761234", "", clock.now_ms()},
                rs::station::ScannerRole::Intake};
    }

    // The server starts again: a new web context on the same store, no session in memory.
    void restart_server() {
        auto config = rs::station::parse_config("", "test.toml");
        REQUIRE(config);
        web = std::make_unique<rs::station::WebContext>(*config, rs::station::WebConfig{});
        auto opened = rs::station::StationStore::open(dir.store("station.db"), clock);
        REQUIRE(opened);
        web->store = std::move(*opened);
    }

    void sign_in_at(const std::string& bench, const std::string& person) {
        auto found = rs::station::find_operator(*store, person).value().value();
        web->sessions.create(found, true, clock.now_ms(), nullptr, bench);
        rs::station::seat_at_bench(*web, bench, person);
    }
};

}  // namespace

TEST_CASE("a bench scan delivered twice makes one order, and the second answer says duplicate") {
    BenchFixture fixture;
    fixture.sign_in_at("receiving-1", fixture.warehouse);
    auto scan = fixture.parcel();
    auto first = fixture.deliver("receiving-1", scan);
    INFO(first.body);
    REQUIRE(first.status == 200);
    auto answer = WebFixture::json_of(first);
    CHECK(answer["outcome"] == "received");
    CHECK(answer["duplicate"] == false);
    CHECK(answer["id"] == scan.id);

    auto again = fixture.deliver("receiving-1", scan);
    REQUIRE(again.status == 200);
    auto second = WebFixture::json_of(again);
    CHECK(second["duplicate"] == true);
    CHECK(second["outcome"] == "received");  // the first answer, given again
    CHECK(fixture.count("repair_orders") == 1);
    CHECK(fixture.count("scans") == 1);
    CHECK(fixture.count("bench_scans") == 1);

    // The same code scanned again is a new scan (a new id): applied, and intake says so.
    auto rescan = fixture.deliver("receiving-1", fixture.parcel());
    CHECK(WebFixture::json_of(rescan)["outcome"] == "already_received");
    CHECK(fixture.count("bench_scans") == 2);
    CHECK(fixture.count("repair_orders") == 1);
}

TEST_CASE("a bench scan goes to the person at that bench, and to its session's events only") {
    BenchFixture fixture;
    fixture.sign_in_at("receiving-1", fixture.warehouse);
    // Nobody at receiving-2: its scan is taken by nobody, and says so.
    auto lonely = fixture.deliver("receiving-2", fixture.parcel());
    REQUIRE(lonely.status == 200);
    CHECK(WebFixture::json_of(lonely)["outcome"] == "needs_sign_in");
    CHECK(fixture.count("repair_orders") == 0);

    auto taken = fixture.deliver("receiving-1", fixture.parcel());
    CHECK(WebFixture::json_of(taken)["outcome"] == "received");
    auto owner = fixture.store->db().query_one<std::string>("SELECT owner_id FROM repair_orders");
    CHECK(owner.value().value() == fixture.warehouse);
    // Its scan event names receiving-1: only the session there sees it.
    auto events = fixture.web->hub.since(0).events;
    bool found = false;
    for (const auto& event : events)
        if (event.type == "scan" && event.data.value("outcome", "") == "received") {
            found = true;
            CHECK(event.bench == "receiving-1");
            CHECK(event.audience == rs::station::Audience::Bench);
        }
    CHECK(found);
}

TEST_CASE("the person at a bench is still seated after the server restarts, until idle too long") {
    BenchFixture fixture;
    fixture.sign_in_at("receiving-1", fixture.warehouse);
    fixture.restart_server();
    CHECK(fixture.status("receiving-1")["signed_in"]["badge"] == fixture.warehouse);
    // The agent delivers what it kept while the server was away: taken as the person's.
    auto kept = fixture.deliver("receiving-1", fixture.parcel());
    INFO(kept.body);
    CHECK(WebFixture::json_of(kept)["outcome"] == "received");
    CHECK(fixture.count("repair_orders") == 1);

    // Signed out through another server: this one's router follows the store.
    fixture.restart_server();
    REQUIRE(rs::station::seat_person(*fixture.store, "receiving-1", ""));
    auto after_sign_out = fixture.deliver("receiving-1", fixture.parcel());
    CHECK(WebFixture::json_of(after_sign_out)["outcome"] == "needs_sign_in");
    CHECK(fixture.status("receiving-1")["signed_in"].is_null());

    // Nothing happened at the bench for longer than a session lives: the seat has gone too.
    fixture.sign_in_at("receiving-1", fixture.warehouse);
    fixture.restart_server();
    fixture.clock.advance(rs::station::WebConfig{}.idle_ms + 1);
    auto late = fixture.deliver("receiving-1", fixture.parcel());
    CHECK(WebFixture::json_of(late)["outcome"] == "needs_sign_in");
}

TEST_CASE("a malformed bench scan is refused with the field it lacks, and nothing is recorded") {
    BenchFixture fixture;
    rs::station::ApiRequest request;
    request.bench = "receiving-1";
    request.body = {{"id", "x"}};
    bool known = false;
    const auto* route =
        rs::station::match_route("POST", "/api/v1/bench/scans", request.params, known);
    REQUIRE(route);
    auto reply = route->handler(*fixture.web, request);
    CHECK(reply.status == 400);
    CHECK(WebFixture::message_of(reply).find("\"id\"") != std::string::npos);
    CHECK(fixture.count("bench_scans") == 0);
}

TEST_CASE("bench tokens: shown once, only the hash kept, a wrong one refused") {
    WebFixture fixture;
    auto added = rs::station::add_bench(*fixture.store, "shipping");
    REQUIRE(added);
    CHECK(added->token.size() == 64);
    CHECK(rs::station::bench_for_token(*fixture.store, added->token)->name == "shipping");
    auto kept = fixture.store->db().query_one<std::string>("SELECT token_sha256 FROM benches");
    CHECK(kept.value().value() != added->token);
    CHECK_FALSE(rs::station::bench_for_token(*fixture.store, std::string(64, '0')));
    CHECK(rs::station::add_bench(*fixture.store, "shipping").error().code ==
          rs::ErrorCode::Conflict);
    CHECK_FALSE(rs::station::add_bench(*fixture.store, "bad name/"));
}
