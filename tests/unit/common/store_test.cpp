// Tests of the store wrapper: open, typed binds, statement cache, transactions. They run on both
// engines (CTest runs them again on PostgreSQL); [sqlite] ones test the embedded engine itself.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/store/database.h"
#include "common/store/transaction.h"
#include "tests/support/temp_dir.h"

using namespace rs;
using namespace rs::store;

namespace {
std::string pragma_text(Database& db, const std::string& pragma) {
    auto query = db.prepare("PRAGMA " + pragma);
    REQUIRE(query);
    REQUIRE(query->step().value());
    return query->text(0);
}

std::int64_t count_rows(Database& db, const std::string& table) {
    auto query = db.prepare("SELECT count(*) FROM " + table);
    REQUIRE(query);
    REQUIRE(query->step().value());
    return query->int64(0);
}
}  // namespace

TEST_CASE("a fresh store opens in WAL mode with foreign keys on", "[sqlite]") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    CHECK(pragma_text(*db, "journal_mode") == "wal");
    CHECK(pragma_text(*db, "foreign_keys") == "1");
    CHECK(pragma_text(*db, "busy_timeout") == "5000");
}

TEST_CASE("opening a file that is not a database is a clear error", "[sqlite]") {
    test::TempDir dir;
    std::ofstream(dir.file("junk.db")) << "this is not sqlite, just text that is long enough to "
                                          "fill a header and more and more and more and more";
    auto db = Database::open(dir.file("junk.db"));
    REQUIRE_FALSE(db);
    CHECK(db.error().message.find("not a Repair Station store") != std::string::npos);
}

TEST_CASE("opening in a folder that does not exist says what to check", "[sqlite]") {
    auto db = Database::open("/nonexistent-folder-rs/s.db");
    REQUIRE_FALSE(db);
    CHECK(db.error().code == ErrorCode::Io);
    CHECK(db.error().message.find("/nonexistent-folder-rs/s.db") != std::string::npos);
}

TEST_CASE("typed binds and reads round-trip, including bytes a scan may carry") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)"));
    auto insert = db->prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)");
    REQUIRE(insert);
    std::string gs1 = std::string("0109506000134352") + '\x1d' + "10ABC";
    std::string with_nul("a\0b", 3);
    insert->bind(1, std::int64_t{1} << 40)
        .bind(2, 2.5)
        .bind(3, gs1)
        .bind_blob(4, with_nul)
        .bind(5, std::optional<std::string>{});
    REQUIRE(insert->run());
    auto select = db->prepare("SELECT i, r, s, b, n FROM t");
    REQUIRE(select);
    REQUIRE(select->step().value());
    CHECK(select->int64(0) == (std::int64_t{1} << 40));
    CHECK(select->real(1) == 2.5);
    CHECK(select->text(2) == gs1);
    CHECK(select->text(3) == with_nul);
    CHECK(select->is_null(4));
    CHECK_FALSE(select->optional_text(4).has_value());
    CHECK_FALSE(select->step().value());
}

TEST_CASE("a bind to a parameter that does not exist is reported by step") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    auto query = db->prepare("SELECT ?1");
    REQUIRE(query);
    query->bind(7, 1);
    auto stepped = query->step();
    REQUIRE_FALSE(stepped);
    CHECK(stepped.error().message.find("parameter 7") != std::string::npos);
}

TEST_CASE("syntax errors are reported with the SQL") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    auto query = db->prepare("SELEC 1");
    REQUIRE_FALSE(query);
    CHECK(query.error().message.find("SELEC 1") != std::string::npos);
}

TEST_CASE("cached statements are prepared once and come back reset") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)"));
    const std::string sql = "SELECT v FROM t WHERE v >= ?1 ORDER BY v";
    Statement* first_address = nullptr;
    {
        auto lease = db->cached(sql);
        REQUIRE(lease);
        first_address = &**lease;
        (*lease)->bind(1, 2);
        REQUIRE((*lease)->step().value());
        CHECK((*lease)->int64(0) == 2);  // left mid-way: the lease resets it
    }
    auto again = db->cached(sql);
    REQUIRE(again);
    CHECK(&**again == first_address);
    (*again)->bind(1, 1);
    REQUIRE((*again)->step().value());
    CHECK((*again)->int64(0) == 1);
}

TEST_CASE("a transaction rolls back unless committed") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(db->exec("CREATE TABLE t (v INTEGER)"));
    {
        auto transaction = Transaction::begin(*db);
        REQUIRE(transaction);
        REQUIRE(db->exec("INSERT INTO t VALUES (1)"));
        CHECK(db->in_transaction());
    }  // no commit: the error path of every caller
    CHECK_FALSE(db->in_transaction());
    CHECK(count_rows(*db, "t") == 0);
    {
        auto transaction = Transaction::begin(*db);
        REQUIRE(transaction);
        REQUIRE(db->exec("INSERT INTO t VALUES (1)"));
        REQUIRE(transaction->commit());
    }
    CHECK(count_rows(*db, "t") == 1);
}

TEST_CASE("a second connection waits for the writer, then times out with Busy") {
    test::TempDir dir;
    auto writer = Database::open(dir.store("s.db"));
    REQUIRE(writer);
    REQUIRE(writer->exec("CREATE TABLE t (v INTEGER)"));
    auto other = Database::open(dir.store("s.db"), OpenOptions{.busy_timeout_ms = 50});
    REQUIRE(other);
    auto held = Transaction::begin(*writer);
    REQUIRE(held);
    auto blocked = Transaction::begin(*other);
    REQUIRE_FALSE(blocked);
    CHECK(blocked.error().code == ErrorCode::Busy);
    CHECK(blocked.error().message.find("locked by another process") != std::string::npos);
    held->rollback();
    CHECK(Transaction::begin(*other));
}

TEST_CASE("a constraint violation is a Conflict and leaves the row out") {
    test::TempDir dir;
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    REQUIRE(
        db->exec("CREATE TABLE p (id TEXT PRIMARY KEY);"
                 "CREATE TABLE c (p_id TEXT REFERENCES p (id))"));
    auto insert = db->prepare("INSERT INTO c VALUES ('missing')");
    REQUIRE(insert);
    auto ran = insert->run();
    REQUIRE_FALSE(ran);
    CHECK(ran.error().code == ErrorCode::Conflict);  // foreign keys are on
    CHECK(count_rows(*db, "c") == 0);
}

TEST_CASE("the store survives close and reopen") {
    test::TempDir dir;
    {
        auto db = Database::open(dir.store("s.db"));
        REQUIRE(db);
        REQUIRE(db->exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')"));
    }
    auto db = Database::open(dir.store("s.db"));
    REQUIRE(db);
    CHECK(count_rows(*db, "t") == 1);
}
