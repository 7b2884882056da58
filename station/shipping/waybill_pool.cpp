// Waybill pool: numbers checked on the way in, taken oldest first, never deleted.
#include "station/shipping/waybill_pool.h"

#include <fmt/format.h>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "labels/codes/tracking_numbers.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "waybills";

}  // namespace

Result<std::int64_t> add_waybills(StationStore& store, const WaybillBatch& batch) {
    if (batch.carrier.empty() || batch.batch.empty())
        return fail(ErrorCode::Invalid, "a waybill batch needs its carrier and batch id", k_where);
    // All checked before any is kept: a platform answer with one bad number is suspect whole.
    for (const auto& number : batch.numbers)
        if (!labels::is_tracking_number_of(batch.carrier, number))
            return fail(ErrorCode::Invalid,
                        fmt::format("the platform sent \"{}\" as a {} waybill number, but it is "
                                    "not a valid {} tracking number: the batch {} was not kept",
                                    number, batch.carrier, batch.carrier, batch.batch),
                        k_where);
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto insert = store.db().cached(
        "INSERT INTO waybill_pool (number, carrier, batch, received_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (number) DO NOTHING");
    if (!insert) return std::unexpected(insert.error());
    std::int64_t added = 0;
    for (const auto& number : batch.numbers) {
        (*insert)->bind_all(number, batch.carrier, batch.batch, store.now_ms());
        auto count = (*insert)->run_and_count();
        if (!count) return std::unexpected(count.error());
        added += *count;
        (*insert)->reset();
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return added;
}

Result<std::string> next_waybill(StationStore& store, const std::string& carrier) {
    auto number = store.db().query_one<std::string>(
        "SELECT number FROM waybill_pool WHERE carrier = ?1 AND used_ms IS NULL "
        "ORDER BY received_ms, number LIMIT 1",
        carrier);
    if (!number) return std::unexpected(number.error());
    if (!*number)
        return fail(ErrorCode::Conflict,
                    fmt::format("no {} waybill number is left in this station's pool, and the "
                                "station never invents one: connect to the platform and run "
                                "`station waybills refill` (or `station sync`), then ship again",
                                carrier),
                    k_where);
    return **number;
}

Result<std::string> take_waybill_in_transaction(StationStore& store, const std::string& carrier) {
    auto number = next_waybill(store, carrier);
    if (!number) return std::unexpected(number.error());
    auto mark = store.db().cached(
        "UPDATE waybill_pool SET used_ms = ?1 WHERE number = ?2 AND used_ms IS NULL");
    if (!mark) return std::unexpected(mark.error());
    (*mark)->bind_all(store.now_ms(), *number);
    auto marked = (*mark)->run_and_count();
    if (!marked) return std::unexpected(marked.error());
    if (*marked != 1)
        return fail(
            ErrorCode::Conflict,
            fmt::format("waybill number {} was taken at the same moment: ship again", *number),
            k_where);
    return *number;
}

Result<std::vector<WaybillLevel>> waybill_levels(StationStore& store) {
    auto query = store.db().cached(
        "SELECT carrier, count(*) FILTER (WHERE used_ms IS NULL), "
        "count(*) FILTER (WHERE used_ms IS NOT NULL) FROM waybill_pool GROUP BY carrier "
        "ORDER BY carrier");
    if (!query) return std::unexpected(query.error());
    std::vector<WaybillLevel> levels;
    auto read = (*query)->each_row([&](store::RowReader row) {
        WaybillLevel level;
        row.read(level.carrier, level.free, level.used);
        levels.push_back(std::move(level));
    });
    if (!read) return std::unexpected(read.error());
    return levels;
}

Result<std::int64_t> free_waybills(StationStore& store, const std::string& carrier) {
    auto count = store.db().query_one<std::int64_t>(
        "SELECT count(*) FROM waybill_pool WHERE carrier = ?1 AND used_ms IS NULL", carrier);
    if (!count) return std::unexpected(count.error());
    return count->value_or(0);
}

}  // namespace rs::station
