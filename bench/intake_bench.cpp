// bench/intake: scan -> committed repair order, on a store already holding many orders,
// beside the same lookups and inserts done with bare sqlite3 calls in the same run.
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/logger.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/intake.h"
#include "station/people/operators.h"
#include "station/store/station_store.h"

namespace {

using Clock = std::chrono::steady_clock;

void check(int rc, sqlite3* db, const char* what) {
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
    fmt::print(stderr, "bench: {}: {}\n", what, sqlite3_errmsg(db));
    std::exit(1);
}

struct Prepared {
    sqlite3_stmt* statement = nullptr;
    Prepared(sqlite3* db, const char* sql) {
        check(sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), db,
              sql);
    }
    ~Prepared() { sqlite3_finalize(statement); }
};

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

std::string tracking_for(long n) {
    return fmt::format("SF{:013}", n);
}

// Fills the store with `orders` received repair orders (and their RMAs, audit rows and events),
// plus `extra` announced RMAs that have no parcel scanned yet: the ones the runs will receive.
void seed(const std::string& path, long orders, long extra) {
    sqlite3* db = nullptr;
    check(sqlite3_open(path.c_str(), &db), db, "open");
    check(sqlite3_exec(db, "PRAGMA synchronous = OFF; BEGIN", nullptr, nullptr, nullptr), db,
          "begin");
    {  // the statements are finalized before the connection closes (else the close fails)
        Prepared rma(db,
                     "INSERT INTO rmas (id, number, type, status, customer_name, return_address, "
                     "product_model, expected_imei, updated_ms, imported_ms) VALUES (?1, ?2, "
                     "'repair', 'approved', '张伟', '{\"country\":\"CN\",\"city\":\"深圳市\","
                     "\"street\":\"科苑路15号\"}', 'Phone X2', '490154203237518', 0, 0)");
        Prepared tracking(db, "INSERT INTO rma_tracking_numbers VALUES (?1, ?2)");
        Prepared order(db,
                       "INSERT INTO repair_orders (id, seq, number, rma_id, state, owner_id, "
                       "arrival_scan, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, 'received', "
                       "'OP-0001U', ?5, 0, 0)");
        Prepared audit(db,
                       "INSERT INTO audit_log (time_ms, operator_id, repair_order_id, action, "
                       "to_state) VALUES (0, 'OP-0001U', ?1, 'intake.received', 'received')");
        Prepared event(db,
                       "INSERT INTO outbox (event_id, type, aggregate_id, time_ms, payload) VALUES "
                       "(?1, 'repair_order.received', ?2, 0, '{}')");
        for (long n = 1; n <= orders + extra; ++n) {
            std::string rma_id = fmt::format("seed-rma-{}", n);
            bind_text(rma.statement, 1, rma_id);
            bind_text(rma.statement, 2,
                      rs::labels::make_own_id(rs::labels::CodeKind::Rma, fmt::format("{:010}", n)));
            check(sqlite3_step(rma.statement), db, "seed rma");
            sqlite3_reset(rma.statement);
            bind_text(tracking.statement, 1, tracking_for(n));
            bind_text(tracking.statement, 2, rma_id);
            check(sqlite3_step(tracking.statement), db, "seed tracking");
            sqlite3_reset(tracking.statement);
            if (n > orders) continue;
            std::string order_id = fmt::format("seed-order-{:09}", n);
            bind_text(order.statement, 1, order_id);
            sqlite3_bind_int64(order.statement, 2, n);
            bind_text(order.statement, 3,
                      rs::labels::make_own_id(rs::labels::CodeKind::RepairOrder,
                                              fmt::format("{:06}", n)));
            bind_text(order.statement, 4, rma_id);
            bind_text(order.statement, 5, tracking_for(n));
            check(sqlite3_step(order.statement), db, "seed order");
            sqlite3_reset(order.statement);
            bind_text(audit.statement, 1, order_id);
            check(sqlite3_step(audit.statement), db, "seed audit");
            sqlite3_reset(audit.statement);
            bind_text(event.statement, 1, fmt::format("seed-event-{:09}", n));
            bind_text(event.statement, 2, order_id);
            check(sqlite3_step(event.statement), db, "seed event");
            sqlite3_reset(event.statement);
            if (n % 250'000 == 0) fmt::print(stderr, "  seeded {} orders\n", n);
        }
        check(
            sqlite3_exec(db, "COMMIT; PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
            db, "commit");
    }
    check(sqlite3_close(db), db, "close");
}

// The same work as IntakeSession::scan for a matching parcel, with bare sqlite3 calls and no
// code grammar: the floor our code is compared with.
class BareIntake {
public:
    explicit BareIntake(const std::string& path) {
        check(sqlite3_open(path.c_str(), &m_db), m_db, "open");
        check(sqlite3_exec(m_db,
                           "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                           "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000",
                           nullptr, nullptr, nullptr),
              m_db, "pragmas");
        m_find = std::make_unique<Prepared>(
            m_db,
            "SELECT r.id, r.number FROM rmas r JOIN rma_tracking_numbers t ON t.rma_id = r.id "
            "WHERE t.tracking_number = ?1");
        m_existing =
            std::make_unique<Prepared>(m_db, "SELECT id FROM repair_orders WHERE rma_id = ?1");
        m_next =
            std::make_unique<Prepared>(m_db, "SELECT coalesce(max(seq), 0) + 1 FROM repair_orders");
        m_order = std::make_unique<Prepared>(
            m_db,
            "INSERT INTO repair_orders (id, seq, number, rma_id, state, owner_id, arrival_scan, "
            "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, 'received', 'OP-0001U', ?5, 1, 1)");
        m_audit = std::make_unique<Prepared>(
            m_db,
            "INSERT INTO audit_log (time_ms, operator_id, repair_order_id, action, to_state, "
            "detail) VALUES (1, 'OP-0001U', ?1, 'intake.received', 'received', ?2)");
        m_event = std::make_unique<Prepared>(
            m_db,
            "INSERT INTO outbox (event_id, type, aggregate_id, time_ms, payload) VALUES (?1, "
            "'repair_order.received', ?2, 1, ?3)");
        m_scan = std::make_unique<Prepared>(
            m_db,
            "INSERT INTO scans (time_ms, source, text, operator_id, outcome) VALUES (1, 'bench', "
            "?1, 'OP-0001U', 'received')");
    }
    ~BareIntake() {
        m_find.reset();
        m_existing.reset();
        m_next.reset();
        m_order.reset();
        m_audit.reset();
        m_event.reset();
        m_scan.reset();
        if (sqlite3_close(m_db) != SQLITE_OK)
            fmt::print(stderr, "bench: the store did not close\n");
    }

    void receive(const std::string& tracking, long unique) {
        check(sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), m_db, "begin");
        bind_text(m_find->statement, 1, tracking);
        check(sqlite3_step(m_find->statement), m_db, "find");
        std::string rma_id =
            reinterpret_cast<const char*>(sqlite3_column_text(m_find->statement, 0));
        sqlite3_reset(m_find->statement);
        bind_text(m_existing->statement, 1, rma_id);
        check(sqlite3_step(m_existing->statement), m_db, "existing");
        sqlite3_reset(m_existing->statement);
        check(sqlite3_step(m_next->statement), m_db, "next");
        long seq = sqlite3_column_int64(m_next->statement, 0);
        sqlite3_reset(m_next->statement);
        std::string order_id = fmt::format("bare-order-{}", unique);
        bind_text(m_order->statement, 1, order_id);
        sqlite3_bind_int64(m_order->statement, 2, seq);
        bind_text(m_order->statement, 3, fmt::format("RO-{:06}X", seq));
        bind_text(m_order->statement, 4, rma_id);
        bind_text(m_order->statement, 5, tracking);
        check(sqlite3_step(m_order->statement), m_db, "order");
        sqlite3_reset(m_order->statement);
        bind_text(m_audit->statement, 1, order_id);
        bind_text(m_audit->statement, 2, "{\"scan\":\"" + tracking + "\"}");
        check(sqlite3_step(m_audit->statement), m_db, "audit");
        sqlite3_reset(m_audit->statement);
        bind_text(m_event->statement, 1, fmt::format("bare-event-{}", unique));
        bind_text(m_event->statement, 2, order_id);
        bind_text(m_event->statement, 3, "{\"repair_order\":\"" + order_id + "\"}");
        check(sqlite3_step(m_event->statement), m_db, "event");
        sqlite3_reset(m_event->statement);
        sqlite3_bind_blob(m_scan->statement, 1, tracking.data(), static_cast<int>(tracking.size()),
                          SQLITE_TRANSIENT);
        check(sqlite3_step(m_scan->statement), m_db, "scan");
        sqlite3_reset(m_scan->statement);
        check(sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr), m_db, "commit");
    }

private:
    sqlite3* m_db = nullptr;
    std::unique_ptr<Prepared> m_find, m_existing, m_next, m_order, m_audit, m_event, m_scan;
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    std::size_t index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[index];
}

}  // namespace

int main(int argc, char** argv) {
    long orders = 1'000'000;
    long scans = 2'000;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--orders" && i + 1 < argc) {
            orders = std::atol(argv[++i]);
        } else if (arg == "--scans" && i + 1 < argc) {
            scans = std::atol(argv[++i]);
        } else {
            fmt::print(
                "usage: intake [--orders N (default 1000000)] [--scans N (default 2000)]\n"
                "Measures scan -> committed repair order (p50, p99) on a store holding N\n"
                "orders, beside the same SQL through bare sqlite3 calls.\n");
            return arg == "--help" ? 0 : 2;
        }
    }
    rs::set_log_level(rs::LogLevel::Warn);
    auto dir = std::filesystem::temp_directory_path() / fmt::format("rs-bench-intake-{}", getpid());
    std::filesystem::create_directories(dir);
    std::string path = (dir / "station.db").string();

    auto created = rs::station::StationStore::open(path);
    if (!created) {
        fmt::print(stderr, "bench: {}\n", created.error().describe());
        return 1;
    }
    if (auto added = rs::station::add_operator(**created,
                                               {"OP-0001U", "Bench", rs::station::Role::Warehouse});
        !added) {
        fmt::print(stderr, "bench: {}\n", added.error().describe());
        return 1;
    }
    created->reset();
    fmt::print("seeding {} repair orders (and their RMAs, audit rows, events)...\n", orders);
    auto seed_start = Clock::now();
    seed(path, orders, 2 * scans);
    fmt::print("seeded in {:.1f} s, store {:.0f} MB\n",
               std::chrono::duration<double>(Clock::now() - seed_start).count(),
               static_cast<double>(std::filesystem::file_size(path)) / 1e6);

    auto store = rs::station::StationStore::open(path);
    if (!store) {
        fmt::print(stderr, "bench: {}\n", store.error().describe());
        return 1;
    }
    if (auto started = (*store)->start_background_checkpoints(std::chrono::milliseconds(100));
        !started) {
        fmt::print(stderr, "bench: {}\n", started.error().describe());
        return 1;
    }
    auto session = rs::station::IntakeSession::start(**store, "OP-0001U");
    BareIntake bare(path);

    // Alternate ours and bare so both see the same cache and file growth.
    std::vector<double> ours_ms, bare_ms;
    for (long i = 0; i < scans; ++i) {
        std::string ours_tracking = tracking_for(orders + 1 + 2 * i);
        std::string bare_tracking = tracking_for(orders + 2 + 2 * i);
        auto start = Clock::now();
        auto result = session->scan(rs::Scan{"bench", ours_tracking, "", 0});
        ours_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!result || result->outcome != rs::station::IntakeOutcome::Received) {
            fmt::print(stderr, "bench: scan {} was not received: {}\n", ours_tracking,
                       result ? result->message : result.error().describe());
            return 1;
        }
        start = Clock::now();
        bare.receive(bare_tracking, i);
        bare_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    double p50 = percentile(ours_ms, 0.50), p99 = percentile(ours_ms, 0.99);
    double bare_p50 = percentile(bare_ms, 0.50), bare_p99 = percentile(bare_ms, 0.99);
    double ratio = p99 / bare_p99;
    fmt::print("{} scans on a store with {} repair orders (WAL, synchronous=NORMAL)\n", scans,
               orders);
    fmt::print("  station intake  p50 {:.3f} ms  p99 {:.3f} ms\n", p50, p99);
    fmt::print("  bare sqlite3    p50 {:.3f} ms  p99 {:.3f} ms\n", bare_p50, bare_p99);
    fmt::print("  ratio p99 {:.2f} (target <= 1.5), p99 {} 5 ms target\n", ratio,
               p99 < 5.0 ? "under" : "OVER");
    store->reset();
    std::filesystem::remove_all(dir);
    fmt::print("RESULT intake p50_ms={:.3f} p99_ms={:.3f} bare_p99_ms={:.3f} ratio={:.2f}\n", p50,
               p99, bare_p99, ratio);
    return 0;
}
