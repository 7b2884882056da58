// `station bench` against a `station run` server, both real processes on loopback: scans reach
// the server once each and in order, through SIGKILL of the server and of the agent; a wrong
// token and a garbage answer lose nothing.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <memory>

#include "common/store/database.h"
#include "tests/support/background_process.h"
#include "tests/support/scripted_http_server.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using rs::test::BackgroundProcess;
using rs::test::contains;
using rs::test::eventually;
using rs::test::StationCli;

namespace {

// A port free now, kept across restarts of the server (the agent's address does not change).
int free_port() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

// The server: `station run` on a prepared store with a bench registered, on a fixed port.
struct Server {
    StationCli station;
    int port = free_port();
    std::string token_file = station.file("receiving-1.token");
    std::unique_ptr<BackgroundProcess> process;
    int starts = 0;

    // `web`: more of [web] (a certificate and key: HTTPS).
    explicit Server(const std::string& web = "") {
        station.prepare();
        // `station run` wants a scanner of its own: a simulated one with nothing to read.
        station.write_config(
            fmt::format("[web]\nport = {}\n{}[[scanners.device]]\nname = "
                        "\"local\"\ndriver = \"simulated\"\n",
                        port, web));
        auto added = station.run({"benches", "add", "receiving-1", "--token-file", token_file});
        INFO(added.out << added.err);
        REQUIRE(added.exit_code == 0);
    }
    bool https = false;
    std::string url() const {
        return fmt::format("{}://127.0.0.1:{}", https ? "https" : "http", port);
    }
    void start() {
        process = std::make_unique<BackgroundProcess>(
            station.argv({"run"}), station.file(fmt::format("server{}", ++starts)));
        INFO(process->out() << process->err());
        REQUIRE(process->wait_for_output("web UI at", 30s));
    }
    void kill() { process->stop(SIGKILL); }

    // Signs the warehouse person in at the bench, as the bench PC's browser does.
    int sign_in_at_bench() {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/session",
                                       Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType("application/json");
        request.set("Origin", url());
        std::string body = nlohmann::json{
            {"badge", rs::test::k_warehouse_badge},
            {"pin", rs::test::k_test_pin},
            {"bench",
             "receiving-1"}}.dump();
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse response;
        std::string reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), reply);
        return static_cast<int>(response.getStatus());
    }
    // The ids the server recorded, in the order they arrived.
    std::vector<std::string> received() const {
        return station.texts("SELECT scan_id FROM bench_scans ORDER BY seq");
    }
};

// The agent: `station bench` with simulated scans `codes`, `interval_ms` apart.
struct Agent {
    StationCli station;  // only its folder and configuration: the agent has no station store
    std::string journal = station.file("journal.db");
    std::unique_ptr<BackgroundProcess> process;
    int starts = 0;

    // `more`: more lines of [bench] (ca_file).
    void configure(const std::string& server, const std::string& token_file,
                   const std::vector<std::string>& codes, int interval_ms,
                   const std::string& more = "") {
        std::string scans;
        for (const auto& code : codes)
            scans += fmt::format("{}\"{}\"", scans.empty() ? "" : ", ", code);
        station.write_config(fmt::format(
            "[bench]\nname = \"receiving-1\"\nserver = \"{}\"\ntoken_file = \"{}\"\n"
            "journal = \"{}\"\nretry_initial_ms = 50\nretry_max_ms = 400\ntimeout_ms = 2000\n{}"
            "[[scanners.device]]\nname = \"intake\"\ndriver = \"simulated\"\nscans = [{}]\n"
            "interval_ms = {}\n",
            server, token_file, journal, more, scans, interval_ms));
    }
    void start() {
        process = std::make_unique<BackgroundProcess>(
            station.argv({"bench"}), station.file(fmt::format("agent{}", ++starts)));
        REQUIRE(process->wait_for_output("scanner(s) started", 30s));
    }
    std::string out() const { return process->out() + process->err(); }
    // The journal's ids in capture order, and those still to deliver.
    std::vector<std::string> ids(const std::string& where = "1 = 1") const {
        auto database = rs::store::Database::open(journal, {.create = false});
        REQUIRE(database);
        auto query =
            database->prepare("SELECT id FROM journal_scans WHERE " + where + " ORDER BY seq");
        REQUIRE(query);
        std::vector<std::string> rows;
        REQUIRE(
            query->each_row([&](const rs::store::Statement& row) { rows.push_back(row.text(0)); }));
        return rows;
    }
    std::size_t waiting() const { return ids("delivered_ms IS NULL").size(); }
};

std::vector<std::string> codes(int count) {
    std::vector<std::string> list;
    for (int i = 0; i < count; ++i)
        list.push_back(fmt::format("BOX-{:04}", i));
    return list;
}

// Everything journalled reached the server once, in capture order, and the journal knows it.
void check_delivered_once_in_order(const Server& server, const Agent& agent, std::size_t expected) {
    auto journalled = agent.ids();
    CHECK(journalled.size() == expected);
    CHECK(server.received() == journalled);
    CHECK(agent.waiting() == 0);
}

}  // namespace

TEST_CASE("bench agent: scans reach the person signed in at the bench, once each and in order") {
    Server server;
    server.start();
    REQUIRE(server.sign_in_at_bench() == 200);
    Agent agent;
    // Two parcels of the demo RMAs, and the first parcel again.
    agent.configure(server.url(), server.token_file,
                    {"SF1402398761234", "1Z999AA10123456784", "SF1402398761234"}, 50);
    agent.start();
    INFO(agent.out());
    REQUIRE(eventually([&] { return server.received().size() == 3; }, 30s));
    // The server has them; the agent marks each delivered once it has read the answer.
    REQUIRE(eventually([&] { return agent.waiting() == 0; }, 30s));
    check_delivered_once_in_order(server, agent, 3);
    // Intake made the two orders as the warehouse person's and said the repeat was received
    // already.
    CHECK(server.station.texts("SELECT owner_id FROM repair_orders") ==
          std::vector<std::string>{rs::test::k_warehouse_badge, rs::test::k_warehouse_badge});
    CHECK(server.station.texts("SELECT outcome FROM bench_scans ORDER BY seq") ==
          std::vector<std::string>{"received", "received", "already_received"});
    CHECK(server.station.count("scans") == 3);
    CHECK(contains(agent.out(), "delivered scan 1 "));
    agent.process->stop(SIGTERM);
    CHECK(contains(agent.out(), "0 scan(s) wait in the journal"));
}

TEST_CASE("bench agent: the server SIGKILLed mid-stream and restarted loses and doubles nothing") {
    Server server;
    server.start();
    REQUIRE(server.sign_in_at_bench() == 200);
    Agent agent;
    agent.configure(server.url(), server.token_file, codes(40), 60);
    agent.start();
    INFO(agent.out());
    REQUIRE(eventually([&] { return server.received().size() >= 5; }, 30s));
    server.kill();
    // The agent keeps reading scans and says the server is away, with the count waiting.
    REQUIRE(agent.process->wait_for_output("server unreachable", 30s));
    REQUIRE(agent.process->wait_for_output("journalled scan 40 ", 30s));
    CHECK(agent.waiting() > 0);
    server.start();
    REQUIRE(eventually([&] { return agent.waiting() == 0; }, 60s));
    CHECK(contains(agent.out(), "is back: delivering"));
    check_delivered_once_in_order(server, agent, 40);
    // The restart signed nobody out at the bench: the scans kept meanwhile were taken as the
    // person's (each unknown box an arrival to follow up), none refused for want of a session.
    auto outcomes = server.station.texts("SELECT outcome FROM bench_scans ORDER BY seq");
    CHECK(std::count(outcomes.begin(), outcomes.end(), "needs_sign_in") == 0);
    CHECK(server.station.count("scans") == 40);
}

TEST_CASE("bench agent: the agent SIGKILLed between journalling and delivery loses nothing") {
    Server server;  // not started yet: the scans can only be journalled
    Agent agent;
    agent.configure(server.url(), server.token_file, codes(12), 20);
    agent.start();
    INFO(agent.out());
    REQUIRE(agent.process->wait_for_output("journalled scan 12 ", 30s));
    CHECK(contains(agent.out(), "scan(s) waiting"));
    agent.process->stop(SIGKILL);
    CHECK(agent.waiting() == 12);

    // Restarted with nothing new to read, it delivers what its journal kept.
    server.start();
    agent.configure(server.url(), server.token_file, {}, 20);
    agent.start();
    CHECK(contains(agent.out(), "12 scan(s) waiting from before"));
    REQUIRE(eventually([&] { return agent.waiting() == 0; }, 60s));
    check_delivered_once_in_order(server, agent, 12);
}

TEST_CASE("bench agent: SIGKILLed while delivering, then restarted, doubles nothing") {
    Server server;
    server.start();
    Agent agent;
    agent.configure(server.url(), server.token_file, codes(60), 10);
    agent.start();
    INFO(agent.out());
    REQUIRE(eventually([&] { return server.received().size() >= 10; }, 30s));
    // Somewhere among journalling, sending and marking: wherever it lands, the restart must
    // deliver the rest, and a scan the server had already is answered as a duplicate.
    agent.process->stop(SIGKILL);
    auto kept = agent.ids().size();
    agent.configure(server.url(), server.token_file, {}, 10);
    agent.start();
    REQUIRE(eventually([&] { return agent.waiting() == 0; }, 60s));
    check_delivered_once_in_order(server, agent, kept);
}

TEST_CASE("bench agent: a wrong token is refused with 401, and the scans stay in the journal") {
    Server server;
    server.start();
    Agent agent;
    std::string wrong = agent.station.file("wrong.token");
    std::ofstream(wrong) << std::string(64, 'a') << "\n";
    agent.configure(server.url(), wrong, codes(3), 20);
    agent.start();
    INFO(agent.out());
    REQUIRE(agent.process->wait_for_output("refused this bench's token", 30s));
    REQUIRE(agent.process->wait_for_output("journalled scan 3 ", 30s));
    CHECK(agent.waiting() == 3);
    CHECK(server.received().empty());
    // Without any token the server says what to send.
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/bench/scans",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength(0);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string reply;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), reply);
    CHECK(response.getStatus() == 401);
    CHECK(contains(reply, "Authorization: Bearer"));
}

TEST_CASE("bench agent: a garbage answer is an error that loses nothing") {
    // A server that answers 200 with something that is not the API's answer.
    rs::test::ScriptedHttpServer garbage(
        [](const rs::test::HttpRequest&, rs::test::HttpPeer& peer) {
            peer.answer(200, "<html>captive portal</html>", "text/html");
        });
    Agent agent;
    std::string token = agent.station.file("some.token");
    std::ofstream(token) << std::string(64, 'b') << "\n";
    agent.configure(garbage.url(), token, codes(2), 20);
    agent.start();
    INFO(agent.out());
    REQUIRE(agent.process->wait_for_output("not a JSON object", 30s));
    REQUIRE(agent.process->wait_for_output("journalled scan 2 ", 30s));
    CHECK(agent.waiting() == 2);
    CHECK(garbage.request_count() > 0);
}

TEST_CASE("station bench refuses a configuration without a server or a token, saying what to add") {
    StationCli station;
    station.write_config("[bench]\nname = \"b1\"\n");
    auto run = station.run({"bench"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "server"));
    station.write_config(
        "[bench]\nname = \"b1\"\nserver = \"http://192.0.2.1:8080\"\ntoken = \"x\"\n");
    run = station.run({"bench"});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "use https://"));
    auto help = station.run({"benches", "add", "--help"});
    CHECK(contains(help.out, "token"));
}

TEST_CASE("bench agent over HTTPS: the server's CA is checked, another CA is refused") {
    rs::test::TempDir certificates;
    // A CA that signed the server's certificate for 127.0.0.1, and a CA that did not.
    auto made = rs::test::run_process({"/bin/sh", "-c",
                                       fmt::format(R"(set -e; cd '{}'
key='-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'
openssl req -x509 $key -keyout ca.key -out ca.pem -days 2 -subj '/CN=Test CA' 2>/dev/null
openssl req -x509 $key -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Other CA' 2>/dev/null
openssl req $key -keyout server.key -out server.csr -subj '/CN=station server' 2>/dev/null
printf 'basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n' > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
  -extfile server.ext -out server.pem 2>/dev/null)",
                                                   certificates.path().string())});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    Server server(fmt::format("certificate = \"{}\"\nkey = \"{}\"\n",
                              certificates.file("server.pem"), certificates.file("server.key")));
    server.https = true;
    server.start();

    Agent refused;
    refused.configure(server.url(), server.token_file, codes(2), 20,
                      fmt::format("ca_file = \"{}\"\n", certificates.file("other-ca.pem")));
    refused.start();
    INFO(refused.out());
    REQUIRE(refused.process->wait_for_output("certificate", 30s));
    REQUIRE(refused.process->wait_for_output("journalled scan 2 ", 30s));
    CHECK(refused.waiting() == 2);
    CHECK(server.received().empty());

    Agent trusted;
    trusted.configure(server.url(), server.token_file, codes(3), 20,
                      fmt::format("ca_file = \"{}\"\n", certificates.file("ca.pem")));
    trusted.start();
    INFO(trusted.out());
    REQUIRE(eventually([&] { return trusted.waiting() == 0 && trusted.ids().size() == 3; }, 30s));
    check_delivered_once_in_order(server, trusted, 3);
}
