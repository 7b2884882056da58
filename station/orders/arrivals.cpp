// Arrivals: upsert by scanned text and listing.
#include "station/orders/arrivals.h"

namespace rs::station {
namespace {
constexpr const char* k_select_arrival =
    "SELECT id, scan_text, kinds, reason, operator_id, first_seen_ms, last_seen_ms, times_seen, "
    "status FROM arrivals ";

Arrival read_arrival(store::RowReader row) {
    Arrival arrival;
    row.read(arrival.id, arrival.scan_text, arrival.kinds, arrival.reason, arrival.operator_id,
             arrival.first_seen_ms, arrival.last_seen_ms, arrival.times_seen, arrival.status);
    return arrival;
}
}  // namespace

Result<Arrival> record_arrival(StationStore& store, const std::string& scan_text,
                               const std::string& kinds, const std::string& reason,
                               const std::string& operator_id) {
    std::int64_t now = store.now_ms();
    auto upsert = store.db().cached(
        "INSERT INTO arrivals (id, scan_text, kinds, reason, operator_id, first_seen_ms, "
        "last_seen_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
        "ON CONFLICT (scan_text) DO UPDATE SET times_seen = arrivals.times_seen + 1, "
        "last_seen_ms = excluded.last_seen_ms, reason = excluded.reason");
    if (!upsert) return std::unexpected(upsert.error());
    (*upsert)->bind_all(store.ids().next(), scan_text, kinds, reason, operator_id, now);
    if (auto written = (*upsert)->run(); !written) return std::unexpected(written.error());
    auto query = store.db().cached(std::string(k_select_arrival) + "WHERE scan_text = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, scan_text);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::Internal, "arrival vanished after insert", "arrivals");
    return read_arrival(**query);
}

Result<std::vector<Arrival>> list_arrivals(StationStore& store, bool include_resolved) {
    std::string sql = k_select_arrival;
    if (!include_resolved) sql += "WHERE status = 'open' ";
    sql += "ORDER BY last_seen_ms DESC, id DESC";  // ids are UUIDv7: newer first on a tie
    auto query = store.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    std::vector<Arrival> arrivals;
    auto read =
        query->each_row([&](store::RowReader row) { arrivals.push_back(read_arrival(row)); });
    if (!read) return std::unexpected(read.error());
    return arrivals;
}

}  // namespace rs::station
