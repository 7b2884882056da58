// Tests of migrations: order, bookkeeping, idempotence, failure and newer-store refusal.
#include <catch2/catch.hpp>

#include "common/store/migrations.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::store;

namespace {
const std::vector<Migration> k_v1 = {
    {"alpha", 1, "first table", "CREATE TABLE a (v INTEGER)"},
    {"beta", 1, "beta table refers to alpha", "CREATE TABLE b (v INTEGER)"},
};
std::vector<Migration> v2() {
    auto list = k_v1;
    list.push_back({"alpha", 2, "add a column", "ALTER TABLE a ADD COLUMN w TEXT"});
    return list;
}

int recorded(Database& db) {
    auto query = db.prepare("SELECT count(*) FROM schema_migrations");
    REQUIRE(query);
    REQUIRE(query->step().value());
    return static_cast<int>(query->int64(0));
}
}  // namespace

TEST_CASE("migrations apply in order once and are recorded") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    auto first = apply_migrations(*db, k_v1);
    REQUIRE(first);
    CHECK(first->applied == 2);
    CHECK(recorded(*db) == 2);
    auto again = apply_migrations(*db, k_v1);
    REQUIRE(again);
    CHECK(again->applied == 0);
    auto upgraded = apply_migrations(*db, v2());
    REQUIRE(upgraded);
    CHECK(upgraded->applied == 1);
    CHECK(db->exec("INSERT INTO a (v, w) VALUES (1, 'x')"));
}

TEST_CASE("migrations given out of order still run by number") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    std::vector<Migration> shuffled = {
        {"alpha", 2, "needs 1", "ALTER TABLE a ADD COLUMN w TEXT"},
        {"alpha", 1, "creates", "CREATE TABLE a (v INTEGER)"},
    };
    REQUIRE(apply_migrations(*db, shuffled));
    CHECK(db->exec("INSERT INTO a (v, w) VALUES (1, 'x')"));
}

TEST_CASE("a migration that landed after a higher-numbered one is still applied") {
    // Two branches each add a migration; a store made on the branch with #3 later meets #2.
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    std::vector<Migration> branch = {k_v1[0], {"alpha", 3, "third", "CREATE TABLE c (v INTEGER)"}};
    REQUIRE(apply_migrations(*db, branch));
    auto merged = branch;
    merged.push_back({"alpha", 2, "second", "CREATE TABLE second (v INTEGER)"});
    auto applied = apply_migrations(*db, merged);
    REQUIRE(applied);
    CHECK(applied->applied == 1);
    CHECK(db->exec("INSERT INTO second (v) VALUES (1)"));
    CHECK(recorded(*db) == 3);
}

TEST_CASE("a store written by a newer version is refused and left untouched") {
    test::TempDir dir;
    {
        auto db = Database::open(dir.store("s.db"));
        REQUIRE(db);
        REQUIRE(apply_migrations(*db, v2()));
    }
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    auto refused = apply_migrations(*db, k_v1);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::Unsupported);
    CHECK(refused.error().message.find("newer Repair Station") != std::string::npos);
    CHECK(refused.error().message.find("alpha schema version 2") != std::string::npos);
    CHECK(recorded(*db) == 3);
    CHECK(db->exec("INSERT INTO a (v, w) VALUES (1, 'still there')"));
}

TEST_CASE("a store with a library this version does not know is refused") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(apply_migrations(*db, v2()));
    std::vector<Migration> without_beta = {v2()[0], v2()[2]};
    auto refused = apply_migrations(*db, without_beta);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("beta schema version 1") != std::string::npos);
}

TEST_CASE("a failing migration is rolled back and names itself") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    std::vector<Migration> broken = {
        {"alpha", 1, "good", "CREATE TABLE a (v INTEGER)"},
        {"alpha", 2, "half good", "CREATE TABLE c (v INTEGER); CREATE TABLE a (v INTEGER)"},
    };
    auto result = apply_migrations(*db, broken);
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("alpha #2 (half good)") != std::string::npos);
    CHECK(recorded(*db) == 1);
    CHECK_FALSE(db->exec("SELECT * FROM c"));  // the half that worked was rolled back
}
