// Backups and restores: a consistent copy while the store is open, put back whole or not at
// all, never over a newer schema or from a damaged file, and the replaced store kept.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "station/store/store_backup.h"
#include "tests/support/station_fixture.h"
#include "tests/support/text.h"

namespace rs::station {
namespace {

using test::contains;
using test::StationFixture;

std::int64_t operators_in(const std::string& path) {
    auto database = store::Database::open(path, {.create = false, .read_only = true});
    REQUIRE(database);
    return **database->query_one<std::int64_t>("SELECT count(*) FROM operators");
}

// Overwrites the type byte of every page after the first (as a failing disk would garble
// them): SQLite's integrity check sees it.
void damage(const std::string& path) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    auto size = static_cast<std::int64_t>(file.tellg());
    REQUIRE(size > 4096);
    for (std::int64_t page = 4096; page + 4096 <= size; page += 4096) {
        file.seekp(page);
        file.write("\x42", 1);
    }
}

TEST_CASE("a backup is a checked copy of the open store, its owner's alone", "[backup][sqlite]") {
    StationFixture fixture;
    fixture.import({test::rma_json(1, "SF1402398761234")});
    std::string target = fixture.dir.file("backup.db");
    int last_copied = -1, last_total = -1;
    REQUIRE(backup_store(*fixture.store, target, [&](int copied, int total) {
        last_copied = copied;
        last_total = total;
    }));
    CHECK(last_copied == last_total);
    CHECK(last_total > 0);
    CHECK(operators_in(target) == 3);
    CHECK_FALSE(std::filesystem::exists(target + ".partial"));
    struct stat status {};
    REQUIRE(::stat(target.c_str(), &status) == 0);
    CHECK((status.st_mode & 0077) == 0);

    auto again = backup_store(*fixture.store, target);
    REQUIRE_FALSE(again);
    CHECK(contains(again.error().message, "never overwritten"));
}

TEST_CASE("a restore puts the backup in place and keeps the store it replaced",
          "[backup][sqlite]") {
    StationFixture fixture;
    std::string backup = fixture.dir.file("backup.db");
    REQUIRE(backup_store(*fixture.store, backup));
    // Later work, then the store is lost to a damaged disk.
    REQUIRE(add_operator(*fixture.store, {test::badge(4), "Li Na", Role::Technician}));
    fixture.store.reset();
    std::string path = fixture.dir.file("station.db");
    CHECK(operators_in(path) == 4);

    auto restored = restore_store(backup, path, 1'763'900'000'000);
    REQUIRE(restored);
    CHECK(operators_in(path) == 3);
    REQUIRE_FALSE(restored->kept.empty());
    CHECK(operators_in(restored->kept) == 4);  // nothing deleted: the later work is kept aside
    CHECK_FALSE(std::filesystem::exists(path + ".restoring"));
    auto reopened = StationStore::open(path);
    REQUIRE(reopened);
}

TEST_CASE("a damaged or newer backup is refused and the store stays as it was",
          "[backup][sqlite]") {
    StationFixture fixture;
    fixture.import({test::rma_json(1, "SF1402398761234"), test::rma_json(2, "SF1402398761235")});
    std::string damaged = fixture.dir.file("damaged.db");
    REQUIRE(backup_store(*fixture.store, damaged));
    damage(damaged);
    std::string newer = fixture.dir.file("newer.db");
    REQUIRE(backup_store(*fixture.store, newer));
    {
        auto database = store::Database::open(newer, {.create = false});
        REQUIRE(database);
        REQUIRE(
            database->exec("INSERT INTO schema_migrations (library, number, description, "
                           "applied_ms) VALUES ('station', 999, 'from the future', 0)"));
    }
    fixture.store.reset();
    std::string path = fixture.dir.file("station.db");

    auto refused = restore_store(damaged, path, 0);
    REQUIRE_FALSE(refused);
    CHECK(contains(refused.error().message, "nothing was restored"));
    auto too_new = restore_store(newer, path, 0);
    REQUIRE_FALSE(too_new);
    CHECK(contains(too_new.error().message, "newer"));
    auto missing = restore_store(fixture.dir.file("nope.db"), path, 0);
    REQUIRE_FALSE(missing);
    CHECK(operators_in(path) == 3);
    CHECK_FALSE(std::filesystem::exists(path + ".restoring"));
}

TEST_CASE("daily backups are named by time and all but the newest few are removed",
          "[backup][sqlite]") {
    test::TempDir dir;
    CHECK(daily_backup_name(1'763'900'000'000) == "station-20251123-121320.db");
    for (std::int64_t day = 0; day < 5; ++day)
        std::ofstream(dir.file(daily_backup_name(1'763'900'000'000 + day * 86'400'000)));
    std::ofstream(dir.file("notes.txt"));
    REQUIRE(prune_backups(dir.path().string(), 2));
    int left = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        ++left;
    }
    CHECK(left == 3);  // two backups and the file that is not one
    CHECK(std::filesystem::exists(dir.file(daily_backup_name(1'763'900'000'000 + 4 * 86'400'000))));
}

}  // namespace
}  // namespace rs::station
