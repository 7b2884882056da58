// PartsFixture: a store with the example rules and parts, a bin, and orders brought to a
// warranty repair's diagnosis: what the parts of a repair order are tested on.
#pragma once

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <fstream>

#include "inventory/catalog.h"
#include "inventory/invariants.h"
#include "inventory/locations.h"
#include "inventory/part_csv.h"
#include "inventory/receiving.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/backorder_fill.h"
#include "station/orders/order_parts.h"
#include "tests/support/rules_fixture.h"

namespace rs::test {

inline const std::string k_screen =
    "SKU-LCD-X2Q";  // lot-tracked, fits the Phone X2 (examples/parts.csv)
inline const std::string k_screw = "SKU-SCR-M2U";  // fits every device
inline const std::string k_screen_gtin = "06901234567892";

struct PartsFixture : StationFixture {
    station::Policy policy;
    std::string parts_manager = badge(4);
    std::string bin = labels::make_own_id(labels::CodeKind::Bin, "A-01");
    std::string other_model_part = labels::make_own_id(labels::CodeKind::PartSku, "LCD-Z9");
    int next_rma = 1;

    PartsFixture() {
        policy = load_example_rules(*store);
        REQUIRE(station::add_operator(*store,
                                      {parts_manager, "Chen Jing", station::Role::PartsManager}));
        inventory::Inventory inv(store->db(), store->clock());
        std::ifstream csv(std::string(EXAMPLES_DIR) + "/parts.csv");
        auto parts = inventory::read_parts_csv(csv, "parts.csv");
        REQUIRE(parts);
        for (const auto& part : *parts)
            REQUIRE(inventory::add_part(inv, part.part));
        inventory::Part z9;
        z9.sku = other_model_part;
        z9.description_en = "Screen Z9";
        z9.compatible_models = {"Phone Z9"};
        REQUIRE(inventory::add_part(inv, z9));
        REQUIRE(inventory::add_location(inv, {0, bin, inventory::LocationKind::Bin, "", "A-01"}));
    }

    inventory::Inventory inventory() { return {store->db(), store->clock()}; }

    // As `station stock receive` does: the receipt fills the open backorders of its part.
    station::StockReceipt receive(const std::string& scan, std::int64_t qty,
                                  std::int64_t unit_cost = 2500) {
        auto received =
            station::receive_stock(*store, {bin, scan, qty, unit_cost, "R-1", parts_manager});
        INFO((received ? "" : received.error().message));
        REQUIRE(received);
        return *received;
    }

    // A phone in warranty, received, inspected, diagnosed and routed to a warranty repair.
    std::string diagnosed_order() {
        int number = next_rma++;
        import({recent_rma(number, "1Z999AA10123456784")});
        std::string order = receive_for_technician(*this, rma_number(number));
        inspect_and_diagnose(*this, policy, order, station::FaultCause::ManufacturingDefect);
        REQUIRE(station::decide_order(*store, policy, order, technician));
        return order;
    }

    station::OrderState state(const std::string& order) {
        return station::find_order_by_number(*store, order).value()->state;
    }

    Result<station::OrderReservation> reserve(const std::string& order, const std::string& sku,
                                              std::int64_t qty = 1) {
        return station::reserve_order_parts(*store, {order, sku, qty, "", technician});
    }

    std::int64_t number(const std::string& sql) {
        auto value = store->db().query_one<std::int64_t>(sql);
        REQUIRE(value);
        return value->value_or(0);
    }

    void check_invariants() {
        auto inv = inventory();
        if (auto ok = inventory::check_invariants(inv); !ok) FAIL(ok.error().describe());
        // Every reservation and backorder belongs to an order; none is left open for an order
        // that no longer takes parts.
        CHECK(number("SELECT count(*) FROM inv_reservations r LEFT JOIN repair_order_parts l "
                     "ON l.reservation_id = r.id WHERE l.repair_order_id IS NULL") == 0);
        CHECK(number("SELECT count(*) FROM inv_reservations r JOIN repair_order_parts l ON "
                     "l.reservation_id = r.id JOIN repair_orders o ON o.id = l.repair_order_id "
                     "WHERE r.state IN ('reserved', 'picked') AND o.state NOT IN ('diagnosed', "
                     "'awaiting_approval', 'approved', 'awaiting_parts', 'in_repair')") == 0);
        CHECK(number("SELECT count(*) FROM inv_backorders b JOIN repair_order_backorders l ON "
                     "l.backorder_id = b.id JOIN repair_orders o ON o.id = l.repair_order_id "
                     "WHERE b.state = 'open' AND o.state NOT IN ('diagnosed', "
                     "'awaiting_approval', 'approved', 'awaiting_parts', 'in_repair')") == 0);
    }
};

}  // namespace rs::test
