// Tests of the station store as a whole: fresh, reopened, and refused when newer.
#include <catch2/catch.hpp>

#include "common/store/database.h"
#include "station/store/station_store.h"
#include "tests/support/temp_dir.h"

using namespace rs;

TEST_CASE("a fresh station store has its tables, and reopening keeps the data") {
    test::TempDir dir;
    {
        auto store = station::StationStore::open(dir.file("s.db"));
        REQUIRE(store);
        REQUIRE((*store)->db().exec("INSERT INTO operators VALUES ('OP-1', 'x', 'technician', 0)"));
    }
    auto store = station::StationStore::open(dir.file("s.db"));
    REQUIRE(store);
    auto query = (*store)->db().prepare("SELECT count(*) FROM operators");
    REQUIRE(query);
    REQUIRE(query->step().value());
    CHECK(query->int64(0) == 1);
}

TEST_CASE("a station store from a newer version is refused and not changed") {
    test::TempDir dir;
    {
        auto store = station::StationStore::open(dir.file("s.db"));
        REQUIRE(store);
        REQUIRE(
            (*store)->db().exec("INSERT INTO schema_migrations VALUES "
                                "('station', 99, 'from the future', 0)"));
    }
    auto store = station::StationStore::open(dir.file("s.db"));
    REQUIRE_FALSE(store);
    CHECK(store.error().code == ErrorCode::Unsupported);
    CHECK(store.error().message.find("station schema version 99") != std::string::npos);
}
