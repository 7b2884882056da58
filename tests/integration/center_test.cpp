// A center: `station server` processes on one PostgreSQL database (the test cluster, or a
// cluster of the test's own when it restarts it), the sync elected once per center, and the
// servers surviving a restart of PostgreSQL. CTest runs these on PostgreSQL only.
#include <fmt/format.h>

#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <regex>

#include "common/store/database.h"
#include "tests/support/background_process.h"
#include "tests/support/platform_fixture.h"
#include "tests/support/process.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using rs::test::contains;
using rs::test::eventually;
using rs::test::TestPlatform;

namespace {

// A center's store with its people, connected to `platform` with quick syncs.
struct Center : rs::test::StationCli {
    // On a database of the test cluster, or on the store at `location`.
    explicit Center(const TestPlatform& platform, std::string location = "")
        : StationCli(std::move(location)) {
        REQUIRE(rs::store::Database::is_server_url(db()));
        add_people();
        write_config(
            fmt::format("[platform]\nurl = \"{}\"\ntoken = \"{}\"\nretry_initial_ms = 20\n"
                        "retry_max_ms = 200\nbatch_age_ms = 20\npull_interval_ms = 100\n",
                        platform.url(), rs::test::k_station_token));
    }
    // Receives the parcels of generated RMAs [first, first + count) at a bench's CLI.
    void receive(int first, int count) const {
        std::string scans = rs::test::k_warehouse_badge + "\n";
        for (int n = first; n < first + count; ++n)
            scans += rs::test::generated_tracking(n) + "\n";
        auto intake = run({"intake", "-"}, scans);
        INFO(intake.out << intake.err);
        REQUIRE(intake.exit_code == 0);
    }
    // The pid of the server whose session holds the sync lock (its application_name says it),
    // or 0. Store locks are advisory locks whose key's high half is "RS" (0x5253).
    int sync_holder_pid() const {
        auto holders = texts(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::text = '21075'");
        for (const auto& name : holders) {
            std::smatch found;
            if (std::regex_search(name, found, std::regex("pid ([0-9]+)")))
                return std::stoi(found[1]);
        }
        return 0;
    }
    std::unique_ptr<rs::test::BackgroundProcess> start_server(const std::string& name) const {
        auto server = std::make_unique<rs::test::BackgroundProcess>(argv({"server", "--port", "0"}),
                                                                    dir().file(name));
        REQUIRE(server->wait_for_output("station server: web UI and API at", 30s));
        return server;
    }
};

}  // namespace

TEST_CASE("two servers on one database: one syncs, and the other takes over when it is killed") {
    rs::test::TempDir platform_dir;
    TestPlatform platform(platform_dir, 4);
    Center center(platform);
    auto first = center.start_server("first");
    auto second = center.start_server("second");
    // The RMAs arrive through a server's pull; the parcels are received once they are there.
    REQUIRE(eventually([&] { return center.count("rmas") == 4; }, 30s));
    center.receive(0, 2);
    REQUIRE(eventually([&] { return platform.events() == 2; }, 30s));

    int holder = center.sync_holder_pid();
    REQUIRE((holder == first->pid() || holder == second->pid()));
    auto& syncing = holder == first->pid() ? first : second;
    auto& waiting = holder == first->pid() ? second : first;
    ::kill(syncing->pid(), SIGKILL);
    syncing->wait();

    center.receive(2, 2);
    CHECK(eventually([&] { return platform.events() == 4; }, 30s));
    CHECK(center.sync_holder_pid() == waiting->pid());
    CHECK(center.count("outbox") == 0);
    CHECK(platform.event_ids().size() == 4);  // each event once, whichever server sent it
    auto stopped = waiting->stop(SIGTERM);
    INFO(stopped.out << stopped.err);
    CHECK(stopped.exit_code == 0);
}

TEST_CASE("PostgreSQL restarted under a running server: it connects again and nothing is lost") {
    // A cluster of this test's own: restarting the shared one would fail the other tests.
    rs::test::TempDir own;
    std::string state = own.file("cluster");
    // Stopped however the test ends: a failed REQUIRE must not leave a server running.
    struct StopCluster {
        std::string state;
        ~StopCluster() { rs::test::run_process({CLUSTER_SCRIPT, "stop", state}); }
    } stop_cluster{state};
    auto started = rs::test::run_process({CLUSTER_SCRIPT, "start", state});
    INFO(started.out << started.err);
    REQUIRE(started.exit_code == 0);
    std::string admin;
    std::getline(std::ifstream(state + "/url"), admin);
    {
        auto connection = rs::store::Database::open(admin);
        REQUIRE(connection);
        REQUIRE(connection->exec("CREATE DATABASE center"));
    }

    rs::test::TempDir platform_dir;
    TestPlatform platform(platform_dir, 4);
    Center center(platform, admin.substr(0, admin.rfind('/') + 1) + "center");
    auto server = center.start_server("server");
    REQUIRE(eventually([&] { return center.count("rmas") == 4; }, 30s));
    center.receive(0, 2);
    REQUIRE(eventually([&] { return platform.events() == 2; }, 30s));

    auto restart = rs::test::run_process({CLUSTER_SCRIPT, "restart", state});
    INFO(restart.out << restart.err);
    REQUIRE(restart.exit_code == 0);

    // The sync's session went with the restart: it connects again, takes its lock again and
    // sends what the bench receives now.
    center.receive(2, 2);
    CHECK(eventually([&] { return platform.events() == 4; }, 30s));
    CHECK(center.count("outbox") == 0);
    CHECK(server->running());
    auto stopped = server->stop(SIGTERM);
    INFO(stopped.out << stopped.err);
    CHECK(stopped.exit_code == 0);
    CHECK(contains(stopped.out + stopped.err, "lost the connection to PostgreSQL"));
}
