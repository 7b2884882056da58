// BenchRegistry: the benches a server knows by name, each with a bearer token of its own. The
// token is shown once when the bench is added; the store keeps only its SHA-256.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/store/migrations.h"
#include "station/store/station_store.h"

namespace rs::station {

struct Bench {
    std::string name;
    std::int64_t created_ms = 0;
};

struct AddedBench {
    Bench bench;
    std::string token;  // 64 hex characters: shown once, never stored
};

// The tables of bench agents: benches (migration 15), the scans they delivered (16) and who
// is signed in at each (17, bench_seats.h).
std::vector<store::Migration> bench_migrations();

// A bench name: 1 to 64 of letters, digits, '.', '_' and '-' (it goes in logs and URLs).
Status check_bench_name(const std::string& name);

// Registers `name` with a fresh token; Conflict when the name is taken.
Result<AddedBench> add_bench(StationStore& store, const std::string& name);
Result<std::vector<Bench>> list_benches(StationStore& store);
// The bench a token belongs to; an unknown token is refused (Invalid) with one message for
// every wrong token, so a guess learns nothing.
Result<Bench> bench_for_token(StationStore& store, const std::string& token);
// Whether a bench of that name is registered.
Result<bool> bench_exists(StationStore& store, const std::string& name);

}  // namespace rs::station
