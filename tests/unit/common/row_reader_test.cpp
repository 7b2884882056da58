// Tests of RowReader, query_one, run_and_count and enums stored by name.
#include <catch2/catch.hpp>

#include "common/store/database.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::store;

namespace {

enum class Shade { Light, Dark };

constexpr auto enum_names(Shade) {
    using enum Shade;
    return std::to_array<EnumName<Shade>>({{Light, "light"}, {Dark, "dark"}});
}

struct Swatch {
    std::int64_t id = 0;
    std::string name;
    int width = 0;
    double gloss = 0;
    bool matte = false;
    Shade shade = Shade::Light;
    std::optional<std::string> note;
    std::optional<std::int64_t> batch;
};

Database swatches(const test::TempDir& dir) {
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(
        db->exec("CREATE TABLE swatches (id INTEGER PRIMARY KEY, name TEXT, width INTEGER, "
                 "gloss REAL, matte INTEGER, shade TEXT, note TEXT, batch INTEGER)"));
    REQUIRE(
        db->exec("INSERT INTO swatches VALUES (7, 'slate', 40, 0.25, 1, 'dark', NULL, 12), "
                 "(8, 'chalk', 30, 0.5, 0, 'light', 'dusty', NULL)"));
    return std::move(*db);
}

}  // namespace

TEST_CASE("a row reader takes the columns one after the other, converting by field type") {
    test::TempDir dir;
    Database db = swatches(dir);
    auto query = db.prepare("SELECT * FROM swatches ORDER BY id");
    REQUIRE(query);
    std::vector<Swatch> read;
    REQUIRE(query->each_row([&](RowReader row) {
        Swatch s;
        row.read(s.id, s.name, s.width, s.gloss, s.matte, s.shade, s.note, s.batch);
        CHECK(row.column() == 8);
        read.push_back(s);
    }));
    REQUIRE(read.size() == 2);
    CHECK(read[0].id == 7);
    CHECK(read[0].name == "slate");
    CHECK(read[0].width == 40);
    CHECK(read[0].gloss == 0.25);
    CHECK(read[0].matte);
    CHECK(read[0].shade == Shade::Dark);
    CHECK_FALSE(read[0].note.has_value());
    CHECK(read[0].batch == 12);
    CHECK(read[1].shade == Shade::Light);
    CHECK_FALSE(read[1].matte);
    CHECK(read[1].note == "dusty");
    CHECK_FALSE(read[1].batch.has_value());
}

TEST_CASE("typed reads, get and skip move the reader along the same columns") {
    test::TempDir dir;
    Database db = swatches(dir);
    auto query =
        db.prepare("SELECT id, name, note, batch, gloss, shade FROM swatches WHERE id = 8");
    REQUIRE(query);
    REQUIRE(query->step().value());
    RowReader row(*query);
    CHECK(row.int64() == 8);
    row.skip();
    CHECK(row.optional_text() == "dusty");
    CHECK_FALSE(row.optional_int64().has_value());
    CHECK(row.real() == 0.5);
    CHECK(row.get<Shade>() == Shade::Light);
    CHECK(row.column() == 6);
}

TEST_CASE("a name the enum's table does not know leaves the field as it was") {
    test::TempDir dir;
    Database db = swatches(dir);
    auto query = db.prepare("SELECT 'beige', 'dark'");
    REQUIRE(query);
    REQUIRE(query->step().value());
    Shade first = Shade::Dark;
    Shade second = Shade::Light;
    RowReader(*query).read(first, second);
    CHECK(first == Shade::Dark);
    CHECK(second == Shade::Dark);
}

TEST_CASE("query_one reads the first column of the first row, or nothing") {
    test::TempDir dir;
    Database db = swatches(dir);
    CHECK(db.query_one<std::string>("SELECT name FROM swatches WHERE id = ?1", 7).value() ==
          "slate");
    CHECK_FALSE(db.query_one<std::string>("SELECT name FROM swatches WHERE id = ?1", 9)
                    .value()
                    .has_value());
    CHECK(db.query_one<Shade>("SELECT shade FROM swatches WHERE id = 7").value() == Shade::Dark);
    // The id a portable INSERT ... RETURNING made, without asking the engine for a rowid.
    CHECK(db.query_one<std::int64_t>("INSERT INTO swatches (name) VALUES ('ink') RETURNING id")
              .value() == 9);
    auto broken = db.query_one<std::int64_t>("SELECT nothing FROM swatches");
    REQUIRE_FALSE(broken);
}

TEST_CASE("an enum binds as its name, and run_and_count says how many rows changed") {
    test::TempDir dir;
    Database db = swatches(dir);
    auto update = db.prepare("UPDATE swatches SET shade = ?1 WHERE shade <> ?1");
    REQUIRE(update);
    update->bind(1, Shade::Light);
    CHECK(update->run_and_count().value() == 1);
    CHECK(db.query_one<std::string>("SELECT shade FROM swatches WHERE id = 7").value() == "light");
    update->reset();
    update->bind(1, Shade::Light);
    CHECK(update->run_and_count().value() == 0);

    auto ignored = db.prepare(
        "INSERT INTO swatches (id, name) VALUES (7, 'again') "
        "ON CONFLICT DO NOTHING");
    REQUIRE(ignored);
    CHECK(ignored->run_and_count().value() == 0);
}
