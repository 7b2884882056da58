// See bench_seats.h. The table is migration 17 of bench_registry.cpp's list.
#include "station/bench/bench_seats.h"

namespace rs::station {

Status seat_person(StationStore& store, const std::string& bench, const std::string& operator_id) {
    if (operator_id.empty()) {
        auto vacate = store.db().prepare("DELETE FROM bench_seats WHERE bench = ?1");
        if (!vacate) return std::unexpected(vacate.error());
        return vacate->bind(1, bench).run();
    }
    auto seat = store.db().prepare(
        "INSERT INTO bench_seats (bench, operator_id, seated_ms) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (bench) DO UPDATE SET operator_id = excluded.operator_id, "
        "seated_ms = excluded.seated_ms");
    if (!seat) return std::unexpected(seat.error());
    return seat->bind_all(bench, operator_id, store.now_ms()).run();
}

Result<std::optional<std::string>> seated_person(StationStore& store, const std::string& bench,
                                                 std::int64_t idle_ms) {
    // The last sign-in or delivered scan there; the index on (bench, seq) finds the latest scan.
    auto query = store.db().prepare(
        "SELECT s.operator_id, s.seated_ms, (SELECT b.received_ms FROM bench_scans b "
        "WHERE b.bench = s.bench ORDER BY b.seq DESC LIMIT 1) FROM bench_seats s "
        "WHERE s.bench = ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, bench);
    std::optional<std::string> person;
    auto read = query->each_row([&](const store::Statement& row) {
        std::int64_t last = row.int64(1);
        if (!row.is_null(2)) last = std::max(last, row.int64(2));
        if (store.now_ms() - last < idle_ms) person = row.text(0);
    });
    if (!read) return std::unexpected(read.error());
    return person;
}

}  // namespace rs::station
