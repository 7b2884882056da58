// Tests of the background checkpointer: it empties the WAL while writers keep committing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "common/store/checkpointer.h"
#include "common/store/database.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::store;

TEST_CASE("the checkpointer copies committed pages into the database file", "[sqlite]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("s.db"), OpenOptions{.wal_autocheckpoint_pages = 0});
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t (v TEXT)"));
    for (int i = 0; i < 200; ++i)
        REQUIRE(db->exec("INSERT INTO t VALUES (hex(randomblob(500)))"));
    auto size_before = std::filesystem::file_size(dir.file("s.db"));
    Checkpointer checkpointer;
    REQUIRE(checkpointer.start(*db, std::chrono::milliseconds(10)));
    checkpointer.stop();  // stop runs one last checkpoint
    CHECK(checkpointer.checkpoints_done() >= 1);
    CHECK(std::filesystem::file_size(dir.file("s.db")) > size_before);
    CHECK(db->query_one<std::int64_t>("SELECT count(*) FROM t").value() == 200);
    // The writer's own checkpoint is left as a safety net far above the default 1000 pages.
    CHECK(db->query_one<std::int64_t>("PRAGMA wal_autocheckpoint").value() == 20000);
}

TEST_CASE("the checkpointer refuses a store whose file is gone", "[sqlite]") {
    test::TempDir dir;
    auto db = Database::open(dir.file("gone.db"));
    REQUIRE(db);
    std::filesystem::remove(dir.file("gone.db"));
    Checkpointer checkpointer;
    CHECK_FALSE(checkpointer.start(*db, std::chrono::milliseconds(10)));
}
