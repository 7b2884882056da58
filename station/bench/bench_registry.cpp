// BenchRegistry: bench rows and their token hashes (a 256-bit random token needs no slow hash).
#include "station/bench/bench_registry.h"

#include <fmt/format.h>

#include "common/sha256.h"
#include "common/store/transaction.h"
#include "station/people/tokens.h"

namespace rs::station {

std::vector<store::Migration> bench_migrations() {
    return {
        {"station", 15, "benches of a center and the hashes of their agents' tokens", R"sql(
CREATE TABLE benches (
    name         TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_ms   INTEGER NOT NULL
) STRICT;
)sql"},
        // A scan's id is made on the bench when it is read: a scan the agent delivers twice (it
        // did not hear the first answer) finds its row and is answered as a duplicate.
        {"station", 16, "scans bench agents delivered, by the id made at capture", R"sql(
CREATE TABLE bench_scans (
    scan_id     TEXT PRIMARY KEY,
    bench       TEXT NOT NULL REFERENCES benches (name),
    seq         INTEGER NOT NULL UNIQUE,  -- order of arrival at the server
    captured_ms INTEGER NOT NULL,
    received_ms INTEGER NOT NULL,
    source      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    reply       TEXT NOT NULL             -- the JSON answer, given again to a duplicate
) STRICT;
CREATE INDEX bench_scans_by_bench ON bench_scans (bench, seq);
)sql"},
        // Who scans at each bench, so that it survives a restart of the server (bench_seats.h).
        {"station", 17, "the person signed in at each bench, kept across restarts", R"sql(
CREATE TABLE bench_seats (
    bench       TEXT PRIMARY KEY REFERENCES benches (name),
    operator_id TEXT NOT NULL REFERENCES operators (id),
    seated_ms   INTEGER NOT NULL
) STRICT;
)sql"},
    };
}

Status check_bench_name(const std::string& name) {
    bool valid = !name.empty() && name.size() <= 64 &&
                 name.find_first_not_of(
                     "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789._-") == std::string::npos;
    if (valid) return {};
    return fail(ErrorCode::Invalid,
                fmt::format("bench name \"{}\": use 1 to 64 letters, digits, '.', '_' or '-' "
                            "(e.g. receiving-1)",
                            name),
                "benches");
}

Result<AddedBench> add_bench(StationStore& store, const std::string& name) {
    if (auto checked = check_bench_name(name); !checked) return std::unexpected(checked.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto exists = bench_exists(store, name);
    if (!exists) return std::unexpected(exists.error());
    if (*exists)
        return fail(ErrorCode::Conflict,
                    fmt::format("a bench named {} is registered already; pick another name", name),
                    "benches");
    auto token = random_secret();
    if (!token) return std::unexpected(token.error());
    AddedBench added{{name, store.now_ms()}, *token};
    auto insert = store.db().cached(
        "INSERT INTO benches (name, token_sha256, created_ms) VALUES (?1, ?2, ?3)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(name, sha256_hex(added.token), added.bench.created_ms);
    if (auto done = (*insert)->run(); !done) return std::unexpected(done.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return added;
}

Result<std::vector<Bench>> list_benches(StationStore& store) {
    auto query = store.db().prepare("SELECT name, created_ms FROM benches ORDER BY name");
    if (!query) return std::unexpected(query.error());
    std::vector<Bench> benches;
    for (;;) {
        auto row = query->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        Bench bench;
        store::RowReader(*query).read(bench.name, bench.created_ms);
        benches.push_back(std::move(bench));
    }
    return benches;
}

Result<Bench> bench_for_token(StationStore& store, const std::string& token) {
    auto found = store.db().query_one<std::string>(
        "SELECT name FROM benches WHERE token_sha256 = ?1", sha256_hex(token));
    if (!found) return std::unexpected(found.error());
    if (!*found)
        return fail(ErrorCode::Invalid,
                    "this bench token is not known to the server: register the bench with "
                    "`station benches add NAME` on the server and give the agent the token it "
                    "prints ([bench] token_file)",
                    "benches");
    return Bench{**found, 0};
}

Result<bool> bench_exists(StationStore& store, const std::string& name) {
    auto found = store.db().query_one<std::int64_t>("SELECT 1 FROM benches WHERE name = ?1", name);
    if (!found) return std::unexpected(found.error());
    return found->has_value();
}

}  // namespace rs::station
