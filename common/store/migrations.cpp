// Migrations: bookkeeping table, newer-store refusal and ordered application.
#include "common/store/migrations.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/clock.h"
#include "common/logger.h"
#include "common/store/transaction.h"

namespace rs::store {
namespace {

const Logger k_log("store");

constexpr const char* k_bookkeeping_sql = R"(
CREATE TABLE IF NOT EXISTS schema_migrations (
    library     TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    description TEXT    NOT NULL,
    applied_ms  INTEGER NOT NULL,
    PRIMARY KEY (library, number)
) STRICT;
)";

std::int64_t now_ms() {
    return SystemClock::instance().now_ms();
}

// Every (library, number) the store records. Numbers are checked one by one, not against the
// highest: migrations written on parallel branches land in any order, so a store may have #3
// of a library and still lack #2.
Result<std::set<std::pair<std::string, int>>> recorded_migrations(Database& database) {
    auto query = database.prepare("SELECT library, number FROM schema_migrations");
    if (!query) return std::unexpected(query.error());
    std::set<std::pair<std::string, int>> recorded;
    auto read = query->each_row([&](RowReader row) {
        std::pair<std::string, int> migration;
        row.read(migration.first, migration.second);
        recorded.insert(std::move(migration));
    });
    if (!read) return std::unexpected(read.error());
    return recorded;
}

}  // namespace

Status check_not_newer(Database& database, const std::vector<Migration>& known) {
    std::map<std::string, int> known_levels;
    for (const auto& migration : known)
        known_levels[migration.library] =
            std::max(known_levels[migration.library], migration.number);

    auto recorded = recorded_migrations(database);
    if (!recorded) return std::unexpected(recorded.error());
    std::map<std::string, int> recorded_levels;
    for (const auto& [library, number] : *recorded)
        recorded_levels[library] = std::max(recorded_levels[library], number);
    for (const auto& [library, level] : recorded_levels) {
        auto found = known_levels.find(library);
        int known_level = found == known_levels.end() ? 0 : found->second;
        if (level > known_level)
            return fail(ErrorCode::Unsupported,
                        fmt::format("the store {} was written by a newer Repair Station ({} schema "
                                    "version {}, this program knows up to {}); it was left "
                                    "untouched: use the newer program with it",
                                    database.path(), library, level, known_level),
                        "store");
    }

    return {};
}

Result<MigrationReport> apply_migrations(Database& database, const std::vector<Migration>& known) {
    if (auto created = database.exec(k_bookkeeping_sql); !created)
        return std::unexpected(created.error());

    if (auto newer = check_not_newer(database, known); !newer)
        return std::unexpected(newer.error());
    auto recorded = recorded_migrations(database);
    if (!recorded) return std::unexpected(recorded.error());

    // Libraries migrate in the order they are listed (lower layers first), each by number.
    std::map<std::string, std::size_t> library_rank;
    for (const auto& migration : known)
        library_rank.emplace(migration.library, library_rank.size());
    std::vector<const Migration*> ordered;
    for (const auto& migration : known)
        ordered.push_back(&migration);
    std::sort(ordered.begin(), ordered.end(), [&](const Migration* a, const Migration* b) {
        auto rank_a = library_rank[a->library];
        auto rank_b = library_rank[b->library];
        return rank_a != rank_b ? rank_a < rank_b : a->number < b->number;
    });

    MigrationReport report;
    for (const Migration* migration : ordered) {
        if (recorded->contains({migration->library, migration->number})) continue;

        auto transaction = Transaction::begin(database);
        if (!transaction) return std::unexpected(transaction.error());
        // Another process may have migrated while we waited for the lock: check again inside.
        auto done =
            database.prepare("SELECT 1 FROM schema_migrations WHERE library = ?1 AND number = ?2");
        if (!done) return std::unexpected(done.error());
        done->bind_all(migration->library, migration->number);
        auto already = done->step();
        if (!already) return std::unexpected(already.error());
        if (*already) continue;

        if (auto ran = database.exec(migration->sql); !ran) {
            Error error = ran.error();
            error.message = fmt::format("migration {} #{} ({}) failed: {}", migration->library,
                                        migration->number, migration->description, error.message);
            return std::unexpected(error);
        }
        auto record = database.prepare(
            "INSERT INTO schema_migrations (library, number, description, applied_ms) "
            "VALUES (?1, ?2, ?3, ?4)");
        if (!record) return std::unexpected(record.error());
        record->bind_all(migration->library, migration->number, migration->description, now_ms());
        if (auto inserted = record->run(); !inserted) return std::unexpected(inserted.error());
        if (auto committed = transaction->commit(); !committed)
            return std::unexpected(committed.error());
        k_log.info("applied migration {} #{}: {}", migration->library, migration->number,
                   migration->description);
        ++report.applied;
    }
    return report;
}

}  // namespace rs::store
