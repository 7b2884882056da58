// Tests of the background checkpointer: it empties the WAL while writers keep committing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <thread>

#include "common/store/checkpointer.h"
#include "common/store/database.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::store;

TEST_CASE("the checkpointer copies committed pages into the database file") {
    test::TempDir dir;
    auto db = Database::open(dir.file("s.db"), OpenOptions{.wal_autocheckpoint_pages = 0});
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t (v TEXT)"));
    for (int i = 0; i < 200; ++i)
        REQUIRE(db->exec("INSERT INTO t VALUES (hex(randomblob(500)))"));
    auto size_before = std::filesystem::file_size(dir.file("s.db"));
    Checkpointer checkpointer;
    REQUIRE(checkpointer.start(dir.file("s.db"), std::chrono::milliseconds(10)));
    checkpointer.stop();  // stop runs one last checkpoint
    CHECK(checkpointer.checkpoints_done() >= 1);
    CHECK(std::filesystem::file_size(dir.file("s.db")) > size_before);
    auto count = db->prepare("SELECT count(*) FROM t");
    REQUIRE(count);
    REQUIRE(count->step().value());
    CHECK(count->int64(0) == 200);
}

TEST_CASE("the checkpointer refuses a store that does not exist") {
    test::TempDir dir;
    Checkpointer checkpointer;
    CHECK_FALSE(checkpointer.start(dir.file("absent.db"), std::chrono::milliseconds(10)));
}
