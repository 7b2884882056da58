// A platform that misbehaves on purpose (trickles, loops, answers for nothing): the real `station`
// program must end, back off or refuse with a clear message, and lose nothing. Each case was found
// by probing the station as a new user would (issue 17) and hung or spun before its fix.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>

#include "tests/support/background_process.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/scripted_http_server.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using nlohmann::json;
using rs::test::BackgroundProcess;
using rs::test::contains;
using rs::test::eventually;
using rs::test::HttpPeer;
using rs::test::HttpRequest;
using rs::test::ScriptedHttpServer;

namespace {

// Liveness bounds, not speed assertions: each case ends in about a second once fixed.
constexpr auto k_ends_within = 30s;

// One RMA the station can read, from the demo set.
json demo_rma() {
    std::ifstream file(rs::test::example_file("demo-rmas.json"));
    return json::parse(file)["rmas"].at(0);
}

std::string empty_page() {
    return R"({"rmas":[],"next_cursor":"","has_more":false})";
}

// Accepts every event of a batch, as the platform does.
std::string accept_all(const HttpRequest& request) {
    json results = json::array();
    json batch = json::parse(request.body);
    for (const auto& event : batch["events"])
        results.push_back({{"id", event["id"]}, {"status", "accepted"}});
    return json{{"results", results}}.dump();
}

std::size_t count_requests(ScriptedHttpServer& server, const std::string& method) {
    std::size_t count = 0;
    for (const auto& request : server.requests())
        count += request.method == method;
    return count;
}

// A station with its people, the demo RMAs and one parcel received offline: one event waits.
struct OfflineStation : rs::test::StationCli {
    OfflineStation() {
        prepare();
        auto intake = run({"intake", "-"}, rs::test::k_warehouse_badge + "\nSF1402398761234\n");
        INFO(intake.out << intake.err);
        REQUIRE(intake.exit_code == 0);
        REQUIRE(count("outbox") > 0);
    }
    void connect(const std::string& url, const std::string& extra = "") const {
        write_config(fmt::format("[platform]\nurl = \"{}\"\ntoken = \"t\"\n{}", url, extra));
    }
    // `station sync run` without --follow, giving up after `give_up_s`, run to its end; it must
    // fail (the platform misbehaves) and say `says` on stderr.
    void sync_fails_saying(const std::string& give_up_s, const std::string& says) const {
        BackgroundProcess sync(argv({"sync", "run", "--give-up-after", give_up_s}), file("sync"));
        REQUIRE(eventually([&] { return !sync.running(); }, k_ends_within));
        auto result = sync.wait();
        INFO(sync.out() << sync.err());
        CHECK(result.exit_code != 0);
        CHECK(contains(sync.err(), says));
        CHECK(count("outbox") > 0);  // nothing lost
    }
};

bool ended(BackgroundProcess& process) {
    return eventually([&] { return !process.running(); }, k_ends_within);
}

}  // namespace

TEST_CASE("a platform that trickles its answer is cut off at the request deadline") {
    ScriptedHttpServer platform([](const HttpRequest&, HttpPeer& peer) {
        std::string body(4000, ' ');
        peer.send(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n");
        peer.trickle(body, 250ms);  // well inside the per-read timeout, for ever
    });
    OfflineStation station;
    station.connect(platform.url(), "timeout_ms = 1000\nrequest_deadline_ms = 1500\n");
    station.sync_fails_saying("0", "did not finish answering within 1.5 s");
}

TEST_CASE("SIGTERM ends a sync waiting on a platform that trickles its headers") {
    ScriptedHttpServer platform([](const HttpRequest&, HttpPeer& peer) {
        peer.trickle("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", 1000ms);
    });
    OfflineStation station;
    station.connect(platform.url());  // the default deadline: a minute
    BackgroundProcess sync(station.argv({"sync", "run", "--follow"}), station.file("sync"));
    REQUIRE(eventually([&] { return platform.request_count() > 0; }, k_ends_within));
    std::this_thread::sleep_for(300ms);
    ::kill(sync.pid(), SIGTERM);
    REQUIRE(ended(sync));
    INFO(sync.out() << sync.err());
    CHECK(station.count("outbox") > 0);
}

TEST_CASE("an answer for none of the batch is a failure: backoff grows and the run gives up") {
    ScriptedHttpServer platform([](const HttpRequest& request, HttpPeer& peer) {
        peer.answer(200, request.method == "GET" ? empty_page() : R"({"results":[]})");
    });
    OfflineStation station;
    station.connect(platform.url(), "retry_initial_ms = 20\nretry_max_ms = 400\n");
    station.sync_fails_saying("2", "the platform answered for 0 of");
    // Doubling from 20 ms up to 400 ms over 2 s: about a dozen tries, not thousands.
    CHECK(count_requests(platform, "POST") < 40);
}

TEST_CASE("a platform that repeats its cursor with has_more is refused, not looped on") {
    json rma = demo_rma();
    ScriptedHttpServer platform([&](const HttpRequest&, HttpPeer& peer) {
        peer.answer(200, json{{"rmas", {rma}}, {"next_cursor", "c1"}, {"has_more", true}}.dump());
    });
    OfflineStation station;
    station.connect(platform.url());
    station.sync_fails_saying("0", "sent a cursor it had already sent");
    CHECK(platform.request_count() <= 3);
}

TEST_CASE("endless pages with new cursors: events are still pushed and SIGTERM ends the run") {
    json rma = demo_rma();
    int page = 0;
    ScriptedHttpServer platform([&](const HttpRequest& request, HttpPeer& peer) {
        if (request.method == "POST")
            peer.answer(200, accept_all(request));
        else
            peer.answer(200, json{{"rmas", {rma}},
                                  {"next_cursor", fmt::format("c{}", ++page)},
                                  {"has_more", true}}
                                 .dump());
    });
    OfflineStation station;
    station.connect(platform.url(), "batch_age_ms = 0\n");
    BackgroundProcess sync(station.argv({"sync", "run", "--follow"}), station.file("sync"));
    REQUIRE(eventually([&] { return count_requests(platform, "POST") > 0; }, k_ends_within));
    if (!eventually([&] { return station.count("outbox") == 0; }, k_ends_within))
        FAIL("the outbox was not emptied:\n" << sync.err());
    ::kill(sync.pid(), SIGTERM);
    REQUIRE(ended(sync));
}

TEST_CASE("a second sync of the same store is refused while one runs", "[sqlite]") {
    rs::test::TempDir dir;
    rs::test::TestPlatform platform(dir, 0);
    OfflineStation station;
    station.write_config(fmt::format("[platform]\nurl = \"{}\"\ntoken = \"{}\"\n", platform.url(),
                                     rs::test::k_station_token));
    BackgroundProcess follow(station.argv({"sync", "run", "--follow"}), station.file("follow"));
    auto holds_lock = [&] {
        std::ifstream lock(station.db() + ".sync-lock");
        std::string pid;
        return lock >> pid && pid == std::to_string(follow.pid());
    };
    REQUIRE(eventually(holds_lock, k_ends_within));
    auto second = station.run({"sync", "run"});
    INFO(second.out << second.err);
    CHECK(second.exit_code != 0);
    CHECK(contains(second.err, "another sync of this store is running"));
    ::kill(follow.pid(), SIGTERM);
    REQUIRE(ended(follow));
    // Once it has ended, a sync runs again (the platform rejects the demo order's event: it
    // never sent that RMA, so the run ends with exit code 3).
    auto again = station.run({"sync", "run"});
    INFO(again.out << again.err);
    CHECK_FALSE(contains(again.err, "another sync"));
    CHECK(contains(again.out, "pushed"));
}
