// Test helpers for the reference platform: a store in a temporary folder and event builders.
#pragma once

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"
#include "tools/platform/platform_store.h"
#include "tools/platform/seed_data.h"

namespace rs::test {

inline std::string event_id(int n) {
    return fmt::format("01936f1e-8a2b-7c3d-9e4f-{:012x}", n);
}

// A repair_order.inspected event of `aggregate` for the n-th generated RMA.
inline nlohmann::json inspected_event(int n, const std::string& aggregate, std::int64_t sequence,
                                      int rma = 0) {
    return {{"id", event_id(n)},
            {"type", "repair_order.inspected"},
            {"aggregate_id", aggregate},
            {"sequence", sequence},
            {"time", "2026-11-23T14:05:09.123Z"},
            {"payload",
             {{"repair_order", "RO-000001O"},
              {"rma_id", fmt::format("seed-rma-{}", 27000001 + rma)},
              {"from", "received"},
              {"to", "inspected"},
              {"operator", "OP-0002S"},
              {"note", ""}}}};
}

struct PlatformStoreFixture {
    TempDir dir;
    std::shared_ptr<platform::PlatformStore> store;
    PlatformStoreFixture() {
        auto opened = platform::PlatformStore::open(dir.file("platform.db"));
        REQUIRE(opened);
        store = std::move(*opened);
        REQUIRE(store->upsert_rmas(platform::generated_rmas(5)));
    }
    std::vector<platform::EventResult> record(std::vector<nlohmann::json> events,
                                              const std::string& station = "bench-1") {
        auto results = store->record_events(station, nlohmann::json(events));
        REQUIRE(results);
        return *results;
    }
};

}  // namespace rs::test
