// Sync with the platform, end to end: the real `station` program (restarted, following) against
// the reference platform on loopback, with faults, TLS and a 10,000-event backlog. Its kills at
// random moments are in the kill harness (tests/kill/kill_test.cpp).
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <map>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include "tests/support/background_process.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using nlohmann::json;
using rs::test::contains;
using rs::test::eventually;
using rs::test::TestPlatform;

namespace {

// A station with its two people, and what syncing needs: a [platform] section, RMAs pulled,
// parcels received, the outbox and the sync status read back.
struct Station : rs::test::StationCli {
    std::string badge = rs::test::k_warehouse_badge;

    Station() { add_people(); }
    // [platform] for `url`, quick retries (tests wait for them), plus `extra` lines.
    void connect(const std::string& url, const std::string& extra = "") const {
        write_config(
            fmt::format("[platform]\nurl = \"{}\"\ntoken = \"{}\"\nretry_initial_ms = 20\n"
                        "retry_max_ms = 200\n{}",
                        url, rs::test::k_station_token, extra));
    }
    // Connected to `platform`, its RMAs pulled, the parcels of its first `parcels` RMAs received.
    void prepare(const TestPlatform& platform, int parcels, const std::string& extra = "") const {
        connect(platform.url(), extra);
        auto pulled = run({"sync", "run"});
        INFO(pulled.out << pulled.err);
        REQUIRE(pulled.exit_code == 0);
        if (parcels > 0) receive(0, parcels);
    }
    // Receives the parcels of generated RMAs [first, first + count) by their tracking numbers.
    void receive(int first, int count) const {
        std::string scans = badge + "\n";
        for (int n = first; n < first + count; ++n)
            scans += rs::test::generated_tracking(n) + "\n";
        auto intake = run({"intake", "-"}, scans);
        INFO(intake.err);
        REQUIRE(intake.exit_code == 0);
    }
    std::set<std::string> outbox_ids() const {
        auto ids = texts("SELECT event_id FROM outbox");
        return {ids.begin(), ids.end()};
    }
    json status() const { return run_json({"sync", "status", "--json"}); }
};

}  // namespace

TEST_CASE("a backlog of 10,000 events drains, and the platform holds each exactly once", "[slow]") {
    Station station;
    TestPlatform platform(station.dir(), 10000);
    station.connect(platform.url(), "page_size = 500\n");
    auto pulled = station.run({"sync", "run"});
    INFO(pulled.out << pulled.err);
    REQUIRE(pulled.exit_code == 0);
    CHECK(contains(pulled.out, "10000 RMAs: 10000 added"));

    station.receive(0, 10000);
    auto backlog = station.outbox_ids();
    REQUIRE(backlog.size() == 10000);
    auto status = station.status();
    CHECK(status["outbox"]["pending"] == 10000);
    CHECK(status["state"] == "sending");

    auto drained = station.run({"sync", "run"});
    INFO(drained.out << drained.err);
    REQUIRE(drained.exit_code == 0);
    CHECK(contains(drained.out, "10000 accepted, 0 duplicate, 0 rejected"));
    CHECK(station.count("outbox") == 0);
    CHECK(platform.events() == 10000);
    CHECK(platform.deliveries() == 10000);
    CHECK(platform.event_ids() == backlog);
    CHECK(platform.store->stats().value().rejections == 0);  // none out of order either
    CHECK(station.status()["state"] == "up to date");
}

TEST_CASE("the platform down, then up: a following station resumes by itself") {
    Station station;
    const auto& dir = station.dir();
    TestPlatform platform(dir, 50);
    station.prepare(platform, 50, "batch_age_ms = 20\npull_interval_ms = 200\n");
    platform.stop();

    rs::test::BackgroundProcess follow(station.argv({"sync", "run", "--follow"}),
                                       dir.file("follow"));
    REQUIRE(eventually(
        [&] {
            auto state = station.status()["sync_state"];
            return state.contains("error.failures_in_row") &&
                   std::stoi(state["error.failures_in_row"].get<std::string>()) >= 3;
        },
        30s));
    auto behind = station.status();
    CHECK(behind["state"] == "behind");
    CHECK(contains(behind["why"].get<std::string>(), "refused the connection"));
    CHECK(behind["outbox"]["pending"] == 50);

    platform.start();
    CHECK(eventually([&] { return platform.events() == 50; }, 60s));
    CHECK(eventually([&] { return station.count("outbox") == 0; }, 30s));
    auto stopped = follow.stop(SIGTERM);
    INFO(stopped.out << stopped.err);
    CHECK(stopped.exit_code == 0);
    CHECK(station.status()["state"] == "up to date");
    CHECK(platform.deliveries() == 50);
}

TEST_CASE("station run syncs in the background while it receives parcels") {
    Station station;
    const auto& dir = station.dir();
    TestPlatform platform(dir, 3);
    station.connect(platform.url(), "batch_age_ms = 20\npull_interval_ms = 100\n");
    // The RMAs arrive through the background pull; the scanner scans once they are there.
    station.append_config(
        "[[scanners.device]]\nname = \"intake\"\ndriver = \"simulated\"\ninterval_ms = 300\n" +
        fmt::format("scans = [\"{}\", \"{}\", \"{}\"]\n", station.badge,
                    rs::test::generated_tracking(0), rs::test::generated_tracking(1)) +
        // A bench without the web UI, where a scanned badge alone signs in (with it: badge + PIN).
        "[web]\nenabled = false\n");
    rs::test::BackgroundProcess run(station.argv({"run"}), dir.file("run"));
    REQUIRE(run.wait_for_output("station run:", 30s));
    CHECK(eventually([&] { return platform.events() == 2; }, 60s));
    auto stopped = run.stop(SIGTERM);
    INFO(stopped.out << stopped.err);
    CHECK(stopped.exit_code == 0);
    CHECK(contains(stopped.out, "received"));
    CHECK(station.count("outbox") == 0);
}

TEST_CASE("malformed replies: a clear error, nothing lost") {
    Station station;
    TestPlatform platform(station.dir(), 20);
    station.prepare(platform, 20);
    platform.start({.malformed_rate = 1.0});

    std::set<std::string> messages;
    for (int attempt = 0; attempt < 4; ++attempt) {
        auto failed = station.run({"sync", "run", "--give-up-after", "0"});
        INFO(failed.err);
        CHECK(failed.exit_code == 1);
        CHECK(contains(failed.err, "nothing was taken from the outbox"));
        CHECK(contains(failed.err, "20 events wait in the outbox, nothing was lost"));
        messages.insert(failed.err.substr(failed.err.rfind("station: ")));
        CHECK(station.count("outbox") == 20);
    }
    CHECK(messages.size() >= 3);  // cut JSON, wrong shape, an HTML page, an unknown status
    auto status = station.status();
    CHECK(status["state"] == "behind");

    platform.start();
    auto recovered = station.run({"sync", "run"});
    INFO(recovered.err);
    REQUIRE(recovered.exit_code == 0);
    CHECK(station.count("outbox") == 0);
    CHECK(platform.events() == 20);
    // Each malformed answer came after the platform had stored the batch: 4 + 1 deliveries.
    CHECK(platform.deliveries() == 100);
}

TEST_CASE("5xx answers are retried with backoff until every event is in") {
    Station station;
    TestPlatform platform(station.dir(), 100);
    station.prepare(platform, 100, "batch_size = 10\npage_size = 500\n");
    platform.start({.error_rate = 0.5, .seed = 3});
    auto synced = station.run({"sync", "run"});
    INFO(synced.out << synced.err);
    REQUIRE(synced.exit_code == 0);
    CHECK(platform.events() == 100);
    CHECK(platform.server->fault_counts()["error"] > 0);
    CHECK(station.count("outbox") == 0);
}

TEST_CASE("a 429 answer's Retry-After is honoured and shown") {
    Station station;
    TestPlatform platform(station.dir(), 1, {.throttle_rate = 1.0, .retry_after_s = 3});
    station.connect(platform.url());
    auto throttled = station.run({"sync", "run", "--give-up-after", "0"});
    CHECK(throttled.exit_code == 1);
    CHECK(contains(throttled.err, "retry after 3 s"));
    auto state = station.status()["sync_state"];
    std::int64_t error_ms = std::stoll(state["error.time_ms"].get<std::string>());
    std::int64_t next_ms = std::stoll(state["error.next_attempt_ms"].get<std::string>());
    CHECK(next_ms - error_ms >= 3000);  // the planned wait, not a measured one
}

TEST_CASE("events the platform rejects wait for a person, with their order's later events") {
    Station station;
    TestPlatform platform(station.dir(), 5);
    station.prepare(platform, 0);
    // RMAs imported from a file, which the platform does not know.
    REQUIRE(station.run({"rma", "import", rs::test::example_file("demo-rmas.json")}).exit_code ==
            0);
    auto intake = station.run({"intake", "--operator", station.badge, "SF1402398761234",
                               "490154203237518", rs::test::generated_tracking(0)});
    REQUIRE(intake.exit_code == 0);

    auto rejected = station.run({"sync", "run"});
    INFO(rejected.out << rejected.err);
    CHECK(rejected.exit_code == 3);
    CHECK(contains(rejected.out, "unknown_rma"));
    CHECK(platform.events() == 1);        // the order of a platform RMA went through
    CHECK(station.count("outbox") == 2);  // the rejected event and the one behind it
    auto status = station.status();
    CHECK(status["state"] == "needs a person");
    // The platform refused the order's first event, so it refused the next one in the batch too.
    CHECK(status["rejected_total"] == 2);
    CHECK(status["outbox"]["held"] == 2);
    auto text = station.run({"sync", "status"});
    CHECK(contains(text.out, "RO-000001O repair_order.received unknown_rma"));
    CHECK(contains(text.out, "station sync retry"));

    // A second run does not send them again by itself.
    REQUIRE(station.run({"sync", "run"}).exit_code == 3);
    CHECK(platform.store->stats().value().rejections == 2);

    // The platform takes the RMAs on; a person sends the order's events again, in order.
    auto demo = json::parse(std::ifstream(rs::test::example_file("demo-rmas.json")));
    REQUIRE(platform.store->upsert_rmas(demo["rmas"].get<std::vector<json>>()));
    CHECK(station.run({"sync", "retry", "RO-999999X"}).exit_code == 2);
    auto retry = station.run({"sync", "retry", "RO-000001O"});
    CHECK(retry.exit_code == 0);
    CHECK(contains(retry.out, "2 rejected events will be sent again"));
    auto resent = station.run({"sync", "run"});
    INFO(resent.err);
    CHECK(resent.exit_code == 0);
    CHECK(station.count("outbox") == 0);
    auto events = platform.store->events("plat-rma-0001", 10).value();
    REQUIRE(events.size() == 2);
    CHECK(events[0]["type"] == "repair_order.received");
    CHECK(events[1]["type"] == "repair_order.identity.confirmed");
}

TEST_CASE("a quote decision and a cancellation on the platform reach the bench") {
    Station station;
    TestPlatform platform(station.dir(), 2);
    station.prepare(platform, 1);
    // The after-sales steps before a quote (docs/policy.md): the earbuds came back wet, so the
    // rules route them to a quote the customer must approve.
    const std::vector<std::vector<std::string>> steps = {
        {"policy", "load", rs::test::example_file("policy.toml")},
        {"faults", "import", rs::test::example_file("faults/audio.json")},
        {"orders", "handover", "RO-000001O", "--to", "OP-0002S", "--reason", "to the bench",
         "--operator", "OP-0001U"},
        {"orders", "move", "RO-000001O", "inspected", "--operator", "OP-0002S"},
        {"orders", "diagnose", "RO-000001O", "--operator", "OP-0002S", "--symptom", "右耳无声",
         "--symptom-code", "S410", "--condition", "5", "--section", "SPK", "--defect", "D04",
         "--cause", "liquid", "--damage", "liquid"},
        {"orders", "decide", "RO-000001O", "--operator", "OP-0002S"},
        {"orders", "quote", "RO-000001O", "--operator", "OP-0002S", "--labour", "R60"},
    };
    for (const auto& step : steps) {
        auto done = station.run(step);
        INFO(step[0] << " " << step[1] << ": " << done.out << done.err);
        REQUIRE(done.exit_code == 0);
    }
    REQUIRE(station.run({"sync", "run"}).exit_code == 0);
    REQUIRE(platform.store->decide_quote("seed-rma-27000001", "approved"));

    auto decided = station.run({"sync", "run"});
    INFO(decided.out << decided.err);
    REQUIRE(decided.exit_code == 0);
    CHECK(contains(decided.out, "RO-000001O: quote approved by the customer"));
    auto shown = station.run({"orders", "show", "RO-000001O"});
    CHECK(contains(shown.out, "state approved"));
    CHECK(platform.store->events("seed-rma-27000001", 10).value().back()["type"] ==
          "repair_order.quote_approved");

    REQUIRE(platform.store->cancel_rma("seed-rma-27000001"));
    auto cancelled = station.run({"sync", "run"});
    CHECK(cancelled.exit_code == 0);
    CHECK(contains(cancelled.out, "flagged RO-000001O"));
    auto status = station.run({"sync", "status"});
    CHECK(contains(status.out,
                   "flagged       RO-000001O: RMA-270000011 was cancelled on the platform"));
    shown = station.run({"orders", "show", "RO-000001O"});
    CHECK(contains(shown.out, "state approved"));  // flagged, not moved or deleted
    CHECK(contains(shown.out, "platform.rma_cancelled"));
}

// GET /v1/rmas of the platform, through its socket, as any station reads it.
json platform_rmas(const TestPlatform& platform) {
    Poco::URI url(platform.url());
    Poco::Net::HTTPClientSession session(url.getHost(), url.getPort());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/v1/rmas?limit=100",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", std::string("Bearer ") + rs::test::k_station_token);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& body = session.receiveResponse(response);
    REQUIRE(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
    return json::parse(body);
}

TEST_CASE("a no-reason return restocked at the bench is refunded by the platform") {
    Station station;
    TestPlatform platform(station.dir(), 2);
    // The first RMA becomes a no-reason return of earbuds delivered yesterday, bought for
    // 499.00 yuan; the second is a return the platform knows no price for.
    auto rmas = rs::platform::generated_rmas(2);
    const auto yesterday = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) -
                           std::chrono::days(1);
    const std::string delivered = fmt::format("{:%Y-%m-%d}", yesterday);
    for (auto& rma : rmas) {
        rma["type"] = "return";
        rma["purchase_date"] = delivered;
        rma["delivered_date"] = delivered;
    }
    rmas[0]["order"] = {{"number", "SO-2026-88123"}, {"paid_minor", 49900}, {"currency", "CNY"}};
    rmas[1].erase("order");
    REQUIRE(platform.store->upsert_rmas(rmas));
    station.prepare(platform, 2);
    const std::vector<std::vector<std::string>> rules = {
        {"policy", "load", rs::test::example_file("policy.toml")},
        {"faults", "import", rs::test::example_file("faults/audio.json")}};
    for (const auto& step : rules)
        REQUIRE(station.run(step).exit_code == 0);
    for (const std::string order : {"RO-000001O", "RO-000002M"}) {
        const std::vector<std::vector<std::string>> steps = {
            {"orders", "handover", order, "--to", "OP-0002S", "--reason", "to the bench",
             "--operator", "OP-0001U"},
            {"orders", "move", order, "inspected", "--operator", "OP-0002S"},
            {"orders", "diagnose", order, "--operator", "OP-0002S", "--symptom", "不想要了",
             "--symptom-code", "S420", "--condition", "1", "--defect", "N01", "--cause",
             "no_fault_found"},
            {"orders", "decide", order, "--operator", "OP-0002S"},
            {"returns", "inspect", order, "--grade", "B", "--outcome", "return_to_vendor",
             "--operator", "OP-0002S"},
        };
        for (const auto& step : steps) {
            auto done = station.run(step);
            INFO(order << " " << step[0] << " " << step[1] << ": " << done.out << done.err);
            REQUIRE(done.exit_code == 0);
        }
    }
    auto pushed = station.run({"sync", "run"});
    INFO(pushed.out << pushed.err);
    REQUIRE(pushed.exit_code == 0);

    std::map<std::string, json> refunds;
    const json listed = platform_rmas(platform);
    INFO(listed.dump());
    for (const auto& rma : listed["rmas"])
        if (rma.contains("refund")) refunds[rma["id"].get<std::string>()] = rma["refund"];
    REQUIRE(refunds.size() == 2);
    const json& paid = refunds.at("seed-rma-27000001");
    CHECK(paid["status"] == "refunded");
    CHECK(paid["amount_minor"] == 49900);
    CHECK(paid["currency"] == "CNY");
    CHECK(paid["outcome"] == "return_to_vendor");
    CHECK(paid["grade"] == "B");
    const json& unpriced = refunds.at("seed-rma-27000002");
    CHECK(unpriced["status"] == "amount_unknown");
    CHECK(unpriced["amount_minor"].is_null());
    // The event that refunded, sent again (a station that never heard the answer), refunds
    // nothing more: one refund per RMA.
    auto events = platform.store->events("seed-rma-27000001", 100).value();
    CHECK(paid["event_id"] == events.back()["id"]);
    auto again = station.run({"sync", "run"});
    CHECK(again.exit_code == 0);
    CHECK(platform_rmas(platform)["rmas"].size() == 2);
}

TEST_CASE("sync without a usable configuration says what to fix") {
    Station station;
    auto status = station.run({"sync", "status"});
    CHECK(status.exit_code == 0);
    CHECK(contains(status.out, "sync not configured"));
    auto run = station.run({"sync", "run"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "add a [platform] section"));

    TestPlatform platform(station.dir(), 1);
    station.write_config("[platform]\nurl = \"" + platform.url() + "\"\ntoken = \"wrong\"\n");
    auto refused = station.run({"sync", "run", "--give-up-after", "0"});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "check [platform] token"));
    for (const char* help : {"status", "run", "retry"})
        CHECK(station.run({"sync", help, "--help"}).exit_code == 0);
}

TEST_CASE("TLS: a certificate from the configured CA works, any other is refused") {
    Station station;
    const auto& dir = station.dir();
    // Two CAs; the platform's certificates: one for 127.0.0.1 and one for another host name.
    auto made = rs::test::run_process({"/bin/sh", "-c",
                                       fmt::format(R"(set -e; cd '{}'
key='-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'
openssl req -x509 $key -keyout ca.key -out ca.pem -days 2 -subj '/CN=Test CA' 2>/dev/null
openssl req -x509 $key -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Other CA' 2>/dev/null
for name in good wrong-host; do
  openssl req $key -keyout $name.key -out $name.csr -subj "/CN=platform $name" 2>/dev/null
done
printf 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' > good.ext
printf 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:platform.example.com\n' > wrong-host.ext
for name in good wrong-host; do
  openssl x509 -req -in $name.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile $name.ext -out $name.pem 2>/dev/null
done)",
                                                   dir.path().string())});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);

    TestPlatform platform(dir, 2, {}, dir.file("good.pem"), dir.file("good.key"));
    REQUIRE(contains(platform.url(), "https://127.0.0.1:"));
    // A TLS client we did not write accepts the platform's setup with the CA.
    auto checked = rs::test::run_process(
        {"/bin/sh", "-c",
         fmt::format("openssl s_client -connect 127.0.0.1:{} -CAfile '{}' -verify_return_error "
                     "-verify_ip 127.0.0.1 </dev/null 2>&1",
                     platform.port(), dir.file("ca.pem"))});
    CHECK(contains(checked.out, "Verify return code: 0 (ok)"));

    station.connect(platform.url(), fmt::format("ca_file = \"{}\"\n", dir.file("ca.pem")));
    auto good = station.run({"sync", "run", "--give-up-after", "0"});
    INFO(good.out << good.err);
    CHECK(good.exit_code == 0);
    CHECK(contains(good.out, "2 RMAs: 2 added"));

    station.connect(platform.url(), fmt::format("ca_file = \"{}\"\n", dir.file("other-ca.pem")));
    auto wrong_ca = station.run({"sync", "run", "--give-up-after", "0"});
    CHECK(wrong_ca.exit_code == 1);
    CHECK(contains(wrong_ca.err, "ca_file"));
    CHECK(contains(station.status()["why"].get<std::string>(), "certificate"));

    platform.stop();
    TestPlatform wrong_host(dir, 0, {}, dir.file("wrong-host.pem"), dir.file("wrong-host.key"));
    station.connect(wrong_host.url(), fmt::format("ca_file = \"{}\"\n", dir.file("ca.pem")));
    auto wrong_name = station.run({"sync", "run", "--give-up-after", "0"});
    CHECK(wrong_name.exit_code == 1);
    CHECK(contains(wrong_name.err, "certificate"));

    station.connect(platform.url(), "ca_file = \"/nonexistent/ca.pem\"\n");
    auto missing = station.run({"sync", "run"});
    CHECK(missing.exit_code == 2);
    CHECK(contains(missing.err, "ca_file /nonexistent/ca.pem not found"));
}

TEST_CASE("the platform program serves the seed file and stops on SIGTERM") {
    Station station;
    const auto& dir = station.dir();
    rs::test::BackgroundProcess server(
        {PLATFORM_BINARY, "--db", dir.file("p.db"), "--port", "0", "--station",
         std::string("bench-1=") + rs::test::k_station_token, "--seed-file",
         rs::test::example_file("demo-rmas.json")},
        dir.file("platform"));
    REQUIRE(server.wait_for_output("platform: listening on http://127.0.0.1:", 30s));
    std::string out = server.out();
    std::string url = out.substr(out.find("http://"));
    url = url.substr(0, url.find('\n'));
    station.connect(url);
    auto pulled = station.run({"sync", "run"});
    INFO(pulled.out << pulled.err);
    CHECK(pulled.exit_code == 0);
    CHECK(contains(pulled.out, "6 RMAs: 6 added"));
    auto stopped = server.stop(SIGTERM);
    CHECK(stopped.exit_code == 0);
    CHECK(contains(stopped.out, "platform: stopped"));

    auto bad = rs::test::run_process({PLATFORM_BINARY, "--station", "nameless"});
    CHECK(bad.exit_code == 1);
    CHECK(contains(bad.err, "write it as ID=TOKEN"));
    CHECK(rs::test::run_process({PLATFORM_BINARY, "--help"}).exit_code == 0);
}

TEST_CASE("station demo pulls its RMAs from the reference platform and pushes its events to it") {
    auto demo = rs::test::run_station({"demo"});
    INFO(demo.out << demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(contains(demo.out,
                   "pulls its RMAs from the platform (the reference platform at "
                   "http://127.0.0.1:"));
    // The six RMAs of examples/demo-rmas.json and the six sample devices of the rules' part;
    // the events of both, and the firmware flash's two.
    CHECK(contains(demo.out, "pulled 14 RMAs: 14 added"));
    CHECK(contains(demo.out, "the platform accepted 14 events (0 duplicates, 0 rejected)"));
    for (const char* route : {"route warranty_repair", "route quote", "route exchange",
                              "route return_accepted", "W3  liquid damage", "R1  delivered",
                              "rule Q1", "is now restocked", "is now returned_unrepaired"})
        CHECK(contains(demo.out, route));
    CHECK(contains(demo.out, "RO-000001O: quote approved by the customer"));
    CHECK(contains(demo.out, "flagged RO-000003K: RMA-26110003T was cancelled on the platform"));
    CHECK(contains(demo.out, "0 events wait in the outbox"));
}
