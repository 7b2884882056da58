// bench/inventory: committed reservations per second and on-hand lookup p99, beside bare sqlite3.
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/store/database.h"
#include "common/store/migrations.h"
#include "inventory/invariants.h"
#include "inventory/inventory.h"
#include "inventory/ledger.h"
#include "inventory/reservations.h"
#include "inventory/schema.h"
#include "labels/codes/code_grammar.h"

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string sku_of(long i) {
    return rs::labels::make_own_id(rs::labels::CodeKind::PartSku, fmt::format("P{:06}", i));
}

double p99_us(std::vector<double>& samples) {
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() * 99 / 100];
}

bool exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        fmt::print(stderr, "inventory bench: {}\n", message ? message : "?");
        sqlite3_free(message);
        return false;
    }
    return true;
}

// The store filled through bare SQL in one transaction: the load is not what is measured.
// Moves are receipts SUPPLIER -> bin; balances and totals are their sums, so the ledger
// invariants hold on the loaded store.
bool load(sqlite3* db, long parts, long moves) {
    if (!exec(db, "BEGIN")) return false;
    sqlite3_stmt* part = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO inv_parts (id, sku, tracking, standard_cost, created_ms) "
                       "VALUES (?1, ?2, 'none', 100, 0)",
                       -1, &part, nullptr);
    for (long i = 1; i <= parts; ++i) {
        std::string sku = sku_of(i);
        sqlite3_bind_int64(part, 1, i);
        sqlite3_bind_text(part, 2, sku.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(part) != SQLITE_DONE) return false;
        sqlite3_reset(part);
    }
    sqlite3_finalize(part);
    if (!exec(db,
              "INSERT INTO inv_locations (code, kind, created_ms) VALUES ('BIN-BENCH', "
              "'bin', 0)"))
        return false;
    sqlite3_stmt* move = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO inv_moves (part_id, from_id, to_id, qty, unit_cost, at_ms) "
                       "VALUES (?1, 1, (SELECT id FROM inv_locations WHERE code = 'BIN-BENCH'), "
                       "?2, 100, ?3)",
                       -1, &move, nullptr);
    std::mt19937_64 random(42);
    for (long i = 0; i < moves; ++i) {
        sqlite3_bind_int64(move, 1,
                           1 + static_cast<long>(random() % static_cast<unsigned long>(parts)));
        sqlite3_bind_int64(move, 2, 1 + static_cast<long>(random() % 20));
        sqlite3_bind_int64(move, 3, i);
        if (sqlite3_step(move) != SQLITE_DONE) return false;
        sqlite3_reset(move);
    }
    sqlite3_finalize(move);
    return exec(db,
                "INSERT INTO inv_balances (part_id, location_id, qty, lot_received_ms) "
                "SELECT part_id, to_id, sum(qty), 0 FROM inv_moves GROUP BY part_id, to_id;"
                "INSERT INTO inv_balances (part_id, location_id, qty, lot_received_ms) "
                "SELECT part_id, from_id, -sum(qty), 0 FROM inv_moves GROUP BY part_id, from_id;"
                "INSERT INTO inv_part_stock (part_id, on_hand, average_cost) SELECT p.id, "
                "coalesce((SELECT sum(qty) FROM inv_moves m WHERE m.part_id = p.id), 0), 100 "
                "FROM inv_parts p;"
                "COMMIT");
}

// The same statements reserve() runs for one unit of one part, through bare sqlite3 calls.
struct BareReserve {
    sqlite3* db = nullptr;
    sqlite3_stmt *part = nullptr, *candidate = nullptr, *balance = nullptr, *insert = nullptr,
                 *stock = nullptr, *begin = nullptr, *commit = nullptr;
    void prepare() {
        sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nullptr);
        sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr);
        sqlite3_prepare_v2(db, "SELECT id FROM inv_parts WHERE sku = ?1", -1, &part, nullptr);
        sqlite3_prepare_v2(
            db,
            "SELECT b.location_id, l.code, b.lot, b.serial, b.qty - b.reserved "
            "FROM inv_balances b JOIN inv_locations l ON l.id = b.location_id "
            "WHERE b.part_id = ?1 AND b.qty > b.reserved AND (?2 = '' OR b.serial = ?2) "
            "AND l.kind IN ('warehouse', 'zone', 'bin') "
            "ORDER BY b.lot_received_ms, b.lot, b.serial, l.code",
            -1, &candidate, nullptr);
        sqlite3_prepare_v2(db,
                           "UPDATE inv_balances SET reserved = reserved + ?5 WHERE part_id = ?1 "
                           "AND location_id = ?2 AND lot = ?3 AND serial = ?4",
                           -1, &balance, nullptr);
        sqlite3_prepare_v2(db,
                           "INSERT INTO inv_reservations (order_ref, part_id, location_id, "
                           "origin_id, lot, serial, qty, state, person, created_ms, updated_ms) "
                           "VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 'reserved', ?7, ?8, ?8)",
                           -1, &insert, nullptr);
        sqlite3_prepare_v2(db,
                           "UPDATE inv_part_stock SET reserved = reserved + ?2 WHERE part_id = ?1",
                           -1, &stock, nullptr);
    }
    bool reserve(const std::string& sku, const std::string& order) {
        sqlite3_step(begin);
        sqlite3_reset(begin);
        sqlite3_bind_text(part, 1, sku.c_str(), -1, SQLITE_STATIC);
        if (sqlite3_step(part) != SQLITE_ROW) return false;
        std::int64_t id = sqlite3_column_int64(part, 0);
        sqlite3_reset(part);
        sqlite3_bind_int64(candidate, 1, id);
        sqlite3_bind_text(candidate, 2, "", -1, SQLITE_STATIC);
        if (sqlite3_step(candidate) != SQLITE_ROW) return false;
        std::int64_t location = sqlite3_column_int64(candidate, 0);
        sqlite3_reset(candidate);
        sqlite3_bind_int64(balance, 1, id);
        sqlite3_bind_int64(balance, 2, location);
        sqlite3_bind_text(balance, 3, "", -1, SQLITE_STATIC);
        sqlite3_bind_text(balance, 4, "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(balance, 5, 1);
        sqlite3_step(balance);
        sqlite3_reset(balance);
        sqlite3_bind_text(insert, 1, order.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, id);
        sqlite3_bind_int64(insert, 3, location);
        sqlite3_bind_text(insert, 4, "", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 5, "", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 6, 1);
        sqlite3_bind_text(insert, 7, "bench", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 8, 0);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_bind_int64(stock, 1, id);
        sqlite3_bind_int64(stock, 2, 1);
        sqlite3_step(stock);
        sqlite3_reset(stock);
        bool ok = sqlite3_step(commit) == SQLITE_DONE;
        sqlite3_reset(commit);
        return ok;
    }
    ~BareReserve() {
        for (auto* s : {part, candidate, balance, insert, stock, begin, commit})
            sqlite3_finalize(s);
    }
};
}  // namespace

int main(int argc, char** argv) {
    long parts = 50'000, moves = 1'000'000, reserves = 20'000, lookups = 200'000;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto next = [&] { return i + 1 < argc ? std::atol(argv[++i]) : 0L; };
        if (arg == "--parts")
            parts = next();
        else if (arg == "--moves")
            moves = next();
        else if (arg == "--reserves")
            reserves = next();
        else if (arg == "--lookups")
            lookups = next();
        else {
            fmt::print(stderr,
                       "usage: inventory [--parts N] [--moves N] [--reserves N] "
                       "[--lookups N]\n");
            return arg == "--help" ? 0 : 2;
        }
    }
    auto dir = std::filesystem::temp_directory_path() / fmt::format("rs-inv-bench-{}", ::getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string path = (dir / "bench.db").string();
    auto database = rs::store::Database::open(path);
    if (!database || !rs::store::apply_migrations(*database, rs::inventory::inventory_migrations()))
        return 1;
    auto start = Clock::now();
    if (!load(database->handle(), parts, moves)) return 1;
    fmt::print("loaded {} parts and {} moves in {:.1f} s\n", parts, moves, seconds_since(start));
    rs::ManualClock clock{1'763'900'000'000};
    rs::inventory::Inventory inv(*database, clock);

    std::mt19937_64 random(7);
    auto random_part = [&] {
        return 1 + static_cast<long>(random() % static_cast<unsigned long>(parts));
    };

    start = Clock::now();
    for (long i = 0; i < reserves; ++i) {
        auto r = rs::inventory::reserve(
            inv, {fmt::format("RO-{}", i), sku_of(random_part()), 1, "", "bench"});
        if (!r) {
            fmt::print(stderr, "inventory bench: {}\n", r.error().describe());
            return 1;
        }
    }
    double ours_rate = static_cast<double>(reserves) / seconds_since(start);

    sqlite3* bare_db = nullptr;
    if (sqlite3_open(path.c_str(), &bare_db) != SQLITE_OK) return 1;
    exec(bare_db,
         "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    double bare_rate = 0;
    {
        BareReserve bare{bare_db};
        bare.prepare();
        start = Clock::now();
        for (long i = 0; i < reserves; ++i)
            if (!bare.reserve(sku_of(random_part()), fmt::format("RO-B{}", i))) return 1;
        bare_rate = static_cast<double>(reserves) / seconds_since(start);
    }

    std::vector<double> ours, bare;
    ours.reserve(static_cast<std::size_t>(lookups));
    bare.reserve(static_cast<std::size_t>(lookups));
    sqlite3_stmt* lookup = nullptr;
    sqlite3_prepare_v2(
        bare_db, "SELECT on_hand, reserved, average_cost FROM inv_part_stock WHERE part_id = ?1",
        -1, &lookup, nullptr);
    std::int64_t sink = 0;
    for (long i = 0; i < lookups; ++i) {
        long id = random_part();
        auto t0 = Clock::now();
        auto stock = rs::inventory::part_stock(inv, id);
        auto t1 = Clock::now();
        if (!stock) return 1;
        sink += stock->on_hand;
        sqlite3_bind_int64(lookup, 1, id);
        if (sqlite3_step(lookup) == SQLITE_ROW) sink -= sqlite3_column_int64(lookup, 0);
        sqlite3_reset(lookup);
        auto t2 = Clock::now();
        ours.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        bare.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
    }
    sqlite3_finalize(lookup);
    sqlite3_close(bare_db);
    if (sink != 0) fmt::print(stderr, "inventory bench: lookups disagree\n");
    bool invariants = rs::inventory::check_invariants(inv).has_value();
    std::filesystem::remove_all(dir);

    double ratio = bare_rate / ours_rate;
    fmt::print(
        "targets: >= 5000 reservations/s, lookup p99 < 100 us, ratio <= 1.5; invariants {}\n",
        invariants ? "hold" : "BROKEN");
    fmt::print(
        "RESULT inventory reserve_per_s={:.0f} bare_reserve_per_s={:.0f} lookup_p99_us={:.1f} "
        "bare_lookup_p99_us={:.1f} ratio={:.2f}\n",
        ours_rate, bare_rate, p99_us(ours), p99_us(bare), ratio);
    return invariants && sink == 0 ? 0 : 1;
}
