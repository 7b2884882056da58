// ScanJournal: one table in its own SQLite file, through common/store.
#include "station/bench/scan_journal.h"

#include <fmt/format.h>

#include "common/store/migrations.h"
#include "common/store/transaction.h"

namespace rs::station {
namespace {

// The journal is the agent's file, not the server's store: it has its own migration list.
std::vector<store::Migration> journal_migrations() {
    return {{"bench_journal", 1, "scans a bench agent read, until the server has them", R"sql(
CREATE TABLE journal_scans (
    seq          INTEGER PRIMARY KEY,   -- capture order
    id           TEXT NOT NULL UNIQUE,  -- UUIDv7 made at capture, sent with every delivery
    source       TEXT NOT NULL,
    text_hex     TEXT NOT NULL,
    symbology    TEXT NOT NULL,
    captured_ms  INTEGER NOT NULL,
    role         TEXT NOT NULL,
    delivered_ms INTEGER,               -- NULL: still to deliver
    outcome      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX journal_scans_waiting ON journal_scans (delivered_ms, seq);
)sql"}};
}

}  // namespace

Result<std::unique_ptr<ScanJournal>> ScanJournal::open(const std::string& path) {
    store::OpenOptions options;
    options.synchronous_full = true;  // a scan the agent kept survives a power cut too
    auto database = store::Database::open(path, options);
    if (!database)
        return fail(
            database.error().code,
            fmt::format("cannot open the bench journal {}: {}", path, database.error().message),
            "bench");
    if (auto applied = store::apply_migrations(*database, journal_migrations()); !applied)
        return std::unexpected(applied.error());
    return std::unique_ptr<ScanJournal>(new ScanJournal(std::move(*database)));
}

Result<std::int64_t> ScanJournal::append(const BenchScan& scan) {
    std::lock_guard lock(m_mutex);
    auto transaction = store::Transaction::begin(m_db);
    if (!transaction) return std::unexpected(transaction.error());
    auto seq = m_db.query_one<std::int64_t>(
        "INSERT INTO journal_scans (seq, id, source, text_hex, symbology, captured_ms, role) "
        "SELECT COALESCE(MAX(seq), 0) + 1, ?1, ?2, ?3, ?4, ?5, ?6 FROM journal_scans "
        "RETURNING seq",
        scan.id, scan.scan.source, to_hex(scan.scan.text), scan.scan.symbology, scan.scan.time_ms,
        std::string(scanner_role_name(scan.role)));
    if (!seq) return std::unexpected(seq.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return seq->value_or(0);
}

Result<std::optional<JournalEntry>> ScanJournal::oldest_waiting() {
    std::lock_guard lock(m_mutex);
    auto query = m_db.cached(
        "SELECT seq, id, source, text_hex, symbology, captured_ms, role FROM journal_scans "
        "WHERE delivered_ms IS NULL ORDER BY seq LIMIT 1");
    if (!query) return std::unexpected(query.error());
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<JournalEntry>{};
    JournalEntry entry;
    std::string hex, role;
    store::RowReader(**query).read(entry.seq, entry.scan.id, entry.scan.scan.source, hex,
                                   entry.scan.scan.symbology, entry.scan.scan.time_ms, role);
    auto bytes = from_hex(hex);
    if (!bytes)
        return fail(
            ErrorCode::Io,
            fmt::format("bench journal {}: scan {} has damaged bytes", m_db.path(), entry.scan.id),
            "bench");
    entry.scan.scan.text = std::move(*bytes);
    entry.scan.role =
        role == scanner_role_name(ScannerRole::Lookup) ? ScannerRole::Lookup : ScannerRole::Intake;
    return std::optional<JournalEntry>{std::move(entry)};
}

Status ScanJournal::mark_delivered(const std::string& id, const std::string& outcome,
                                   std::int64_t delivered_ms) {
    std::lock_guard lock(m_mutex);
    auto update = m_db.cached(
        "UPDATE journal_scans SET delivered_ms = ?1, outcome = ?2 WHERE id = ?3 AND "
        "delivered_ms IS NULL");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(delivered_ms, outcome, id);
    return (*update)->run();
}

Result<std::int64_t> ScanJournal::waiting_count() {
    std::lock_guard lock(m_mutex);
    auto count = m_db.query_one<std::int64_t>(
        "SELECT COUNT(*) FROM journal_scans WHERE delivered_ms IS NULL");
    if (!count) return std::unexpected(count.error());
    return count->value_or(0);
}

Result<std::int64_t> ScanJournal::delivered_count() {
    std::lock_guard lock(m_mutex);
    auto count = m_db.query_one<std::int64_t>(
        "SELECT COUNT(*) FROM journal_scans WHERE delivered_ms IS NOT NULL");
    if (!count) return std::unexpected(count.error());
    return count->value_or(0);
}

}  // namespace rs::station
