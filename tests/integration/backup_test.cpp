// Backups through the real program: `station backup` while `station run` works on the store,
// `station restore` putting it back (the replaced store kept), and the daily backup of
// `station run` ([store] backup_dir) with its pruning.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "tests/support/background_process.h"
#include "tests/support/station_cli.h"

using namespace std::chrono_literals;
using rs::test::contains;
using rs::test::StationCli;

namespace {

int files_in(const std::string& folder) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        (void)entry;
        ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("station backup copies a store in use; station restore puts it back, old one kept",
          "[sqlite]") {
    StationCli station;
    station.prepare();
    station.write_config("[web]\nport = 0\n");
    auto received = station.run({"intake", "SF1402398761234"});
    REQUIRE(received.exit_code == 0);
    std::string backup = station.file("backup.db");
    {
        // The station runs (its web UI and services hold the store open) during the backup.
        rs::test::BackgroundProcess run(station.argv({"run"}), station.file("run"));
        REQUIRE(run.wait_for_output("web UI at", 30s));
        auto copied = station.run({"backup", backup});
        INFO(copied.out << copied.err);
        CHECK(copied.exit_code == 0);
        CHECK(contains(copied.err, "backup 100%"));
        auto again = station.run({"backup", backup});
        CHECK(again.exit_code == 2);
    }
    // Work after the backup, then the store is put back.
    REQUIRE(station.run({"intake", "490154203237518"}).exit_code != 1);
    std::int64_t scans_after = station.count("scans");
    auto restored = station.run({"restore", backup});
    INFO(restored.out << restored.err);
    CHECK(restored.exit_code == 0);
    CHECK(contains(restored.out, "kept as"));
    CHECK(station.count("scans") < scans_after);
    CHECK(station.count("repair_orders") == 1);
    bool found_kept = false;
    for (const auto& entry : std::filesystem::directory_iterator(station.dir().path()))
        found_kept |= entry.path().filename().string().starts_with("station.db.before-restore-");
    CHECK(found_kept);

    auto missing = station.run({"restore", station.file("nothing.db")});
    CHECK(missing.exit_code == 2);
    CHECK(station.count("repair_orders") == 1);
}

TEST_CASE("station run backs the store up daily into [store] backup_dir and keeps a few",
          "[sqlite]") {
    StationCli station;
    station.prepare();
    std::string folder = station.file("backups");
    std::filesystem::create_directories(folder);
    // Older backups than the keep count: the run's own backup is the newest, three stay.
    for (const char* name : {"station-20251101-000000.db", "station-20251102-000000.db",
                             "station-20251103-000000.db", "station-20251104-000000.db"}) {
        std::ofstream(folder + "/" + name) << "old";
        std::filesystem::last_write_time(folder + "/" + name,
                                         std::filesystem::file_time_type::clock::now() - 72h);
    }
    station.write_config("[web]\nport = 0\n[store]\nbackup_dir = \"" + folder +
                         "\"\nbackup_keep = 3\n");
    rs::test::BackgroundProcess run(station.argv({"run"}), station.file("run"));
    CHECK(run.wait_for_output("backup: the store was copied to", 60s));
    run.stop(SIGTERM);
    CHECK(files_in(folder) == 3);
    CHECK_FALSE(std::filesystem::exists(folder + "/station-20251101-000000.db"));
}
