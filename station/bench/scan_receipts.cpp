// ScanReceipts: rows of bench_scans (migration 16), in standard SQL both engines run.
#include "station/bench/scan_receipts.h"

#include <fmt/format.h>

namespace rs::station {

Result<std::optional<std::string>> delivered_reply(StationStore& store,
                                                   const std::string& scan_id) {
    return store.db().query_one<std::string>("SELECT reply FROM bench_scans WHERE scan_id = ?1",
                                             scan_id);
}

Status record_receipt(StationStore& store, const ScanReceipt& receipt) {
    auto before = delivered_reply(store, receipt.scan_id);
    if (!before) return std::unexpected(before.error());
    if (*before)
        return fail(ErrorCode::Conflict,
                    fmt::format("scan {} was delivered already", receipt.scan_id), "bench");
    // The arrival order is the next number; the primary key stops a second delivery even when
    // two servers take the same scan at once (the loser's transaction fails and rolls back).
    auto insert = store.db().cached(
        "INSERT INTO bench_scans (scan_id, bench, seq, captured_ms, received_ms, source, "
        "outcome, reply) SELECT ?1, ?2, COALESCE(MAX(seq), 0) + 1, ?3, ?4, ?5, ?6, ?7 FROM "
        "bench_scans");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(receipt.scan_id, receipt.bench, receipt.captured_ms, store.now_ms(),
                        receipt.source, receipt.outcome, receipt.reply);
    return (*insert)->run();
}

}  // namespace rs::station
