// The invariant checker of the kill harness, shown to find each kind of damage it is there for:
// a store made sound by the real `station` program, then damaged behind its back: through
// rs::store::Database on either engine, and, for the damage only SQLite's own checks find (a
// dangling row, damaged pages), by the sqlite3 program on a SQLite file ([sqlite]).
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "common/store/database.h"
#include "tests/kill/store_invariants.h"
#include "tests/support/station_cli.h"

using namespace rs;

namespace {

// A store with an order in repair, a print job, received stock and a reservation, all sound.
struct SoundStore : test::StationCli {
    SoundStore() {
        write_config(
            "[[printers.device]]\nname = \"gone\"\ndriver = \"tcp\"\naddress = \"127.0.0.1:1\"\n"
            "timeout_ms = 100\n");
        prepare();
        const std::vector<std::string> person{"--operator", test::k_technician_badge};
        auto must = [&](std::vector<std::string> args, std::vector<int> codes = {0}) {
            args.insert(args.end(), person.begin(), person.end());
            auto done = run(args);
            INFO(args[0] << " " << args[1] << ": " << done.out << done.err);
            REQUIRE(std::find(codes.begin(), codes.end(), done.exit_code) != codes.end());
        };
        start_repair("SF1402398761234");
        must({"print", "location-label", "--data", test::example_file("location-label.json"),
              "--wait", "0.01"},
             {3});
        REQUIRE(run({"parts", "import", test::example_file("parts.csv")}).exit_code == 0);
        REQUIRE(run({"locations", "add", "--make-bin", "A-01"}).exit_code == 0);
        must({"stock", "receive", "--bin", "BIN-A-01E", "(01)06901234567892(10)L1(30)4"});
        must({"stock", "reserve", "RO-000001O", "SKU-LCD-X2Q"});
        if (!test::TempDir::on_postgres()) {
            // Everything in the main file, so that a copy of it is the whole store.
            auto checkpoint =
                test::run_process({SQLITE3_BINARY, db(), "PRAGMA wal_checkpoint(TRUNCATE)"});
            REQUIRE(checkpoint.exit_code == 0);
        }
    }
};

// A sound store of its own for each section to damage: on SQLite a copy of one made once (a file
// copy is the whole store); on PostgreSQL, where a database is not a file to copy, one made anew.
class DamagedStore {
public:
    DamagedStore() {
        if (test::TempDir::on_postgres()) {
            m_made = std::make_unique<SoundStore>();
            m_db = m_made->db();
        } else {
            static const SoundStore sound;
            m_db = m_copy.store("station.db");
            std::filesystem::copy_file(sound.db(), m_db);
        }
    }
    const std::string& db() const { return m_db; }
    std::vector<std::string> texts(const std::string& sql) const {
        auto database = store::Database::open(m_db, {.create = false});
        REQUIRE(database);
        std::vector<std::string> rows;
        auto query = database->prepare(sql);
        REQUIRE(query);
        REQUIRE(query->each_row([&](const store::Statement& row) { rows.push_back(row.text(0)); }));
        return rows;
    }
    // Writes `sql` through the store's own connection (foreign keys enforced, as they are on
    // PostgreSQL): damage a rule of ours breaks, that neither engine's checks stop.
    void damage(const std::string& sql) const {
        auto database = store::Database::open(m_db, {.create = false});
        REQUIRE(database);
        auto done = database->exec(sql);
        INFO((done ? std::string() : done.error().message));
        REQUIRE(done);
    }
    // Writes `sql` with the sqlite3 program, which does not enforce foreign keys: damage only
    // SQLite's own checks find. SQLite files only.
    void damage_file(const std::string& sql) const {
        auto done = test::run_process({SQLITE3_BINARY, m_db, sql});
        INFO(done.err);
        REQUIRE(done.exit_code == 0);
    }
    // The checker's findings, one text.
    std::string findings() const {
        std::string all;
        for (const auto& finding : test::check_store(db()))
            all += finding + "\n";
        return all;
    }

private:
    test::TempDir m_copy;
    std::unique_ptr<SoundStore> m_made;
    std::string m_db;
};

}  // namespace

TEST_CASE("the invariant checker finds each kind of damage it is there to find") {
    DamagedStore store;
    REQUIRE(store.findings().empty());
    std::string order_id = store.texts("SELECT id FROM repair_orders").at(0);
    SECTION("a state changed without its audit row") {
        store.damage("UPDATE repair_orders SET state = 'inspected'");
        CHECK(test::contains(store.findings(), "RO-000001O is 'inspected' but its last audited"));
    }
    SECTION("a state change whose event is missing, or there twice") {
        SECTION("missing") {
            store.damage("DELETE FROM outbox WHERE type = 'repair_order.received'");
            CHECK(test::contains(store.findings(), "received: 1 audit rows but 0 events"));
        }
        SECTION("twice") {
            store.damage(
                "INSERT INTO outbox (event_id, type, aggregate_id, time_ms, payload) SELECT "
                "event_id || '-again', type, aggregate_id, time_ms, payload FROM outbox WHERE "
                "type = 'repair_order.received'");
            CHECK(test::contains(store.findings(), "received: 1 audit rows but 2 events"));
        }
    }
    SECTION("a balance that is not the sum of its moves") {
        store.damage("UPDATE inv_balances SET qty = qty + 1 WHERE qty > 0");
        CHECK(test::contains(store.findings(), "each balance equals the sum of its moves"));
    }
    SECTION("a reservation left on a closed order") {
        store.damage(fmt::format(
            "UPDATE repair_orders SET state = 'closed'; INSERT INTO audit_log (time_ms, "
            "operator_id, repair_order_id, action, from_state, to_state) VALUES "
            "(9000000000000000, 'x', '{}', 'transition', 'in_repair', 'closed'); INSERT INTO "
            "outbox (event_id, type, aggregate_id, time_ms, payload) VALUES ('e-closed', "
            "'repair_order.closed', '{}', 9000000000000000, '{{\"rma_id\": \"r\", \"from\": "
            "\"in_repair\", \"to\": \"closed\"}}')",
            order_id, order_id));
        auto findings = store.findings();
        CHECK(test::contains(findings, "reservation for a closed order"));
        CHECK(std::count(findings.begin(), findings.end(), '\n') == 1);
    }
    SECTION("a print job sent without its audit row") {
        store.damage("UPDATE print_jobs SET state = 'sent'");
        CHECK(test::contains(store.findings(), "job 1 is 'sent' but its last audited"));
    }
}

// A PostgreSQL server refuses a dangling row and keeps its own pages: this damage exists in a
// SQLite file only, and only SQLite's checks (run by check_store on a file) find it.
TEST_CASE("the invariant checker runs SQLite's own checks on a store file", "[sqlite]") {
    DamagedStore store;
    REQUIRE(store.findings().empty());
    SECTION("a row that points at nothing") {
        store.damage_file(
            "INSERT INTO audit_log (time_ms, operator_id, repair_order_id, action) "
            "VALUES (1, 'x', 'no-such-order', 'x')");
        CHECK(test::contains(store.findings(), "foreign_key_check: audit_log"));
    }
    SECTION("a damaged page") {
        store.damage_file("PRAGMA wal_checkpoint(TRUNCATE)");
        // Bytes flipped in the middle of every page but the first (the schema).
        auto size = std::filesystem::file_size(store.db());
        {
            std::fstream file(store.db(), std::ios::in | std::ios::out | std::ios::binary);
            for (std::uintmax_t page = 4096; page + 4096 <= size; page += 4096) {
                file.seekp(static_cast<std::streamoff>(page + 1000));
                file << std::string(200, '\x5a');
            }
        }
        auto findings = store.findings();
        INFO(findings);
        CHECK((test::contains(findings, "integrity_check") ||
               test::contains(findings, "cannot open the store")));
    }
}
