// StationFixture: a real store file in a temporary folder, with people and the demo RMAs.
#pragma once

#include <catch2/catch.hpp>

#include "common/clock.h"
#include "labels/codes/code_grammar.h"
#include "station/people/operators.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"
#include "station/store/station_store.h"
#include "tests/support/temp_dir.h"

namespace rs::test {

inline std::string badge(int number) {
    return labels::make_own_id(labels::CodeKind::OperatorBadge, std::to_string(1000 + number));
}
inline std::string rma_number(int number) {
    return labels::make_own_id(labels::CodeKind::Rma, std::to_string(26110000 + number));
}

// A minimal valid RMA in the platform's JSON, for tests to vary.
inline nlohmann::json rma_json(int number, const std::string& tracking) {
    return {{"id", "plat-" + std::to_string(number)},
            {"number", rma_number(number)},
            {"type", "repair"},
            {"status", "approved"},
            {"customer",
             {{"name", "张伟"},
              {"address",
               {{"country", "CN"},
                {"province", "广东省"},
                {"city", "深圳市"},
                {"street", "科苑路15号"},
                {"postal_code", "518057"}}}}},
            {"product_model", "Phone X2"},
            {"product_sku", "PX2-128-BLK"},  // a phone to the example policy (examples/policy.toml)
            {"expected_imei", "490154203237518"},
            {"inbound_tracking", nlohmann::json::array({tracking})}};
}

struct StationFixture {
    TempDir dir;
    ManualClock clock{1'763'900'000'000};
    std::unique_ptr<station::StationStore> store;
    std::string warehouse = badge(1);
    std::string technician = badge(2);
    std::string supervisor = badge(3);

    StationFixture() {
        auto opened = station::StationStore::open(dir.store("station.db"), clock);
        REQUIRE(opened);
        store = std::move(*opened);
        REQUIRE(station::add_operator(*store, {warehouse, "Wang Fang", station::Role::Warehouse}));
        REQUIRE(station::add_operator(*store, {technician, "Zhao Lei", station::Role::Technician}));
        REQUIRE(station::add_operator(*store, {supervisor, "Maria", station::Role::Supervisor}));
    }

    // A vector, not a json: nlohmann reads `{one}` as a copy of `one`, not as a list of it.
    void import(const std::vector<nlohmann::json>& rmas) {
        auto parsed = station::parse_rmas(nlohmann::json{{"rmas", rmas}}.dump());
        REQUIRE(parsed);
        REQUIRE(station::import_rmas(*store, *parsed, "system"));
    }

    // The payload of the newest outbox event of `type`, which must exist.
    nlohmann::json last_event(const std::string& type) {
        auto payload = store->db().query_one<std::string>(
            "SELECT payload FROM outbox WHERE type = ?1 ORDER BY seq DESC LIMIT 1", type);
        REQUIRE(payload);
        REQUIRE(*payload);
        return nlohmann::json::parse(**payload);
    }

    std::int64_t count(const std::string& table) {
        auto query = store->db().prepare("SELECT count(*) FROM " + table);
        REQUIRE(query);
        REQUIRE(query->step().value());
        return query->int64(0);
    }
};

}  // namespace rs::test
