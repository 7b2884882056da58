// InventoryFixture: a migrated store file with a few parts and bins, for inventory tests.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "common/clock.h"
#include "common/store/database.h"
#include "common/store/migrations.h"
#include "inventory/catalog.h"
#include "inventory/invariants.h"
#include "inventory/inventory.h"
#include "inventory/locations.h"
#include "inventory/schema.h"
#include "labels/codes/check_digits.h"
#include "labels/codes/code_grammar.h"
#include "tests/support/temp_dir.h"

namespace rs::test {

inline std::string sku(const std::string& body) {
    return labels::make_own_id(labels::CodeKind::PartSku, body);
}
inline std::string bin(const std::string& body) {
    return labels::make_own_id(labels::CodeKind::Bin, body);
}

// Valid GTIN-13 with its check digit, from a 12-digit payload.
inline std::string gtin13(const std::string& payload12) {
    return payload12 + std::to_string(*labels::gs1_mod10(payload12));
}

struct InventoryFixture {
    TempDir dir;
    ManualClock clock{1'763'900'000'000};
    std::unique_ptr<store::Database> db;
    std::unique_ptr<inventory::Inventory> inv;

    InventoryFixture() {
        auto opened = store::Database::open(dir.store("inv.db"));
        REQUIRE(opened);
        db = std::make_unique<store::Database>(std::move(*opened));
        REQUIRE(store::apply_migrations(*db, inventory::inventory_migrations()));
        inv = std::make_unique<inventory::Inventory>(*db, clock);
    }

    std::int64_t add_part(const std::string& body, inventory::Tracking tracking,
                          std::vector<std::string> gtins = {},
                          std::vector<std::string> substitutes = {}) {
        inventory::Part part;
        part.sku = sku(body);
        part.tracking = tracking;
        part.gtins = std::move(gtins);
        part.substitutes = std::move(substitutes);
        part.standard_cost = 1000;
        part.description_en = body;
        auto id = inventory::add_part(*inv, part);
        REQUIRE(id);
        return *id;
    }
    std::int64_t add_bin(const std::string& body) {
        auto id =
            inventory::add_location(*inv, {0, bin(body), inventory::LocationKind::Bin, "", body});
        REQUIRE(id);
        return *id;
    }
    void check() {
        auto ok = inventory::check_invariants(*inv);
        if (!ok) FAIL(ok.error().describe());
    }
};

}  // namespace rs::test
