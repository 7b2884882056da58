// Exchanges and resale inspections: a unit leaves or enters stock with the order's move, in one
// transaction, and a refusal changes nothing.
#include <catch2/catch.hpp>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/returns/exchange.h"
#include "station/returns/resale_inspection.h"
#include "tests/support/rules_fixture.h"
#include "tests/support/station_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

const std::string k_bin = labels::make_own_id(labels::CodeKind::Bin, "U-01");

// A diagnosed order of an RMA of `type` (the fixture's phone: "Phone X2"), its route decided,
// and a shelf for whole units.
struct ReturnsFixture : test::StationFixture {
    Policy policy;
    std::string order;
    inventory::Inventory inventory{store->db(), store->clock()};

    ReturnsFixture(const char* type, FaultCause cause) {
        policy = test::load_example_rules(*store);
        import({test::recent_rma(1, "1Z999AA10123456784", type)});
        order = test::receive_for_technician(*this, "1Z999AA10123456784");
        test::inspect_and_diagnose(*this, policy, order, cause);
        REQUIRE(decide_order(*store, policy, order, technician));
        REQUIRE(inventory::add_location(inventory,
                                        {0, k_bin, inventory::LocationKind::Bin, "", "units"}));
    }

    // A serial-tracked part, a whole unit of `product` when it is not empty.
    std::string add_part(const std::string& body, const std::string& product) {
        inventory::Part part;
        part.sku = labels::make_own_id(labels::CodeKind::PartSku, body);
        part.tracking = inventory::Tracking::Serial;
        part.standard_cost = 150000;
        REQUIRE(inventory::add_part(inventory, part));
        if (!product.empty()) REQUIRE(inventory::set_unit_product(inventory, part.sku, product));
        return part.sku;
    }

    void shelve(const std::string& sku, const std::string& serial) {
        auto part = inventory::find_part(inventory, sku);
        REQUIRE(part);
        inventory::MoveRequest move;
        move.part_id = part->id;
        move.from_id = inventory::find_location(inventory, inventory::k_supplier)->id;
        move.to_id = inventory::find_location(inventory, k_bin)->id;
        move.qty = 1;
        move.serial = serial;
        move.unit_cost = 160000;
        REQUIRE(inventory::move_stock(inventory, move));
    }

    // Units of `serial` on the shelf.
    std::int64_t on_shelf(const std::string& serial) {
        auto qty = store->db().query_one<std::int64_t>(
            "SELECT coalesce(sum(b.qty), 0) FROM inv_balances b JOIN inv_locations l ON "
            "l.id = b.location_id WHERE l.code = ?1 AND b.serial = ?2",
            k_bin, serial);
        REQUIRE(qty);
        return qty->value_or(0);
    }

    OrderState state() { return find_order_by_number(*store, order).value()->state; }
};

struct ExchangeFixture : ReturnsFixture {
    ExchangeFixture() : ReturnsFixture("exchange", FaultCause::ManufacturingDefect) {}
};
struct ReturnFixture : ReturnsFixture {
    ReturnFixture() : ReturnsFixture("return", FaultCause::NoFaultFound) {}
};

}  // namespace

TEST_CASE_METHOD(ExchangeFixture,
                 "an exchange takes a unit of the customer's product off the shelf") {
    REQUIRE(
        route_in_force(*store, find_order_by_number(*store, order).value()->id).value()->route ==
        Route::Exchange);
    std::string phone = add_part("UNIT-PX2", "phone  x2");  // case and spacing do not matter
    std::string tablet = add_part("UNIT-TAB", "Tab S 11");
    std::string battery = add_part("BAT-X2", "");
    shelve(phone, "PX2-0001");
    shelve(tablet, "TAB-0001");
    shelve(battery, "BAT-0001");

    SECTION("a bare move to exchanged is refused: the unit must leave stock with it") {
        auto bare = move_order(*store, {order, OrderState::Exchanged, technician, ""});
        REQUIRE_FALSE(bare);
        CHECK_THAT(bare.error().message, Catch::Contains("station exchange " + order));
    }
    SECTION("a unit of another product, a spare part or a serial not on a shelf is refused") {
        auto other = exchange_order(*store, {order, "TAB-0001", {}, technician, ""});
        REQUIRE_FALSE(other);
        CHECK_THAT(other.error().message,
                   Catch::Contains("TAB-0001 is a Tab S 11, the customer sent a Phone X2"));
        auto spare = exchange_order(*store, {order, "BAT-0001", {}, technician, ""});
        REQUIRE_FALSE(spare);
        CHECK_THAT(spare.error().message, Catch::Contains("a spare part, not a whole unit"));
        auto missing = exchange_order(*store, {order, "PX2-9999", {}, technician, ""});
        REQUIRE_FALSE(missing);
        CHECK_THAT(missing.error().message, Catch::Contains("no unit with serial PX2-9999"));
        // Nothing changed.
        CHECK(state() == OrderState::Diagnosed);
        CHECK(on_shelf("TAB-0001") == 1);
        CHECK(on_shelf("BAT-0001") == 1);
        CHECK(store->db().query_one<std::int64_t>("SELECT count(*) FROM exchanges")->value() == 0);
    }
    SECTION("the replacement leaves stock with the move; the event says what and at what cost") {
        auto exchanged = exchange_order(
            *store, {order, "PX2-0001", ReturnedUnitFate::Refurbishment, technician, "dead"});
        INFO((exchanged ? "" : exchanged.error().message));
        REQUIRE(exchanged);
        CHECK(exchanged->replacement_sku == phone);
        CHECK(exchanged->unit_cost == 160000);
        CHECK(state() == OrderState::Exchanged);
        CHECK(on_shelf("PX2-0001") == 0);
        auto event = last_event("repair_order.exchanged");
        CHECK(event["replacement_serial"] == "PX2-0001");
        CHECK(event["replacement_sku"] == phone);
        CHECK(event["replacement_product"] == "Phone X2");
        CHECK(event["replacement_cost"] == 160000);
        CHECK(event["returned_unit"] == "refurbishment");
        CHECK_FALSE(event.contains("supplier_return"));
        auto found = find_exchange(*store, find_order_by_number(*store, order).value()->id);
        REQUIRE(found);
        REQUIRE(*found);
        CHECK((*found)->replacement_serial == "PX2-0001");
        CHECK((*found)->returned_unit == ReturnedUnitFate::Refurbishment);
        // Once only.
        CHECK_FALSE(exchange_order(*store, {order, "PX2-0001", {}, technician, ""}));
        CHECK(move_order(*store, {order, OrderState::ReadyToShip, technician, "packed"}));
    }
    SECTION("a customer's unit for the supplier joins an open batch as a core return") {
        REQUIRE(inventory::add_supplier(inventory, {0, "Acme Phones", "Li", "", "", "Shenzhen"},
                                        {{phone, "", "AP-X2"}}));
        REQUIRE(inventory::add_supplier(inventory, {0, "Tab Co", "", "", "", "Suzhou"},
                                        {{tablet, "", "TC-11"}}));
        auto batch = inventory::open_supplier_return(inventory, "Acme Phones", "", technician);
        auto other = inventory::open_supplier_return(inventory, "Tab Co", "", technician);
        REQUIRE(batch);
        REQUIRE(other);
        std::string imei = find_order_by_number(*store, order).value()->device_identity;
        REQUIRE_FALSE(imei.empty());

        auto no_batch = exchange_order(
            *store, {order, "PX2-0001", ReturnedUnitFate::SupplierReturn, technician, ""});
        REQUIRE_FALSE(no_batch);
        CHECK_THAT(no_batch.error().message, Catch::Contains("name the open batch"));
        auto wrong_supplier = exchange_order(
            *store,
            {order, "PX2-0001", ReturnedUnitFate::SupplierReturn, technician, "", other->name()});
        REQUIRE_FALSE(wrong_supplier);
        auto batch_for_scrap = exchange_order(
            *store, {order, "PX2-0001", ReturnedUnitFate::Scrap, technician, "", batch->name()});
        REQUIRE_FALSE(batch_for_scrap);
        CHECK_THAT(batch_for_scrap.error().message, Catch::Contains("not to scrap"));
        // Nothing changed by the refusals: the replacement is still on the shelf.
        CHECK(state() == OrderState::Diagnosed);
        CHECK(on_shelf("PX2-0001") == 1);

        auto exchanged = exchange_order(
            *store,
            {order, "PX2-0001", ReturnedUnitFate::SupplierReturn, technician, "", batch->name()});
        INFO((exchanged ? "" : exchanged.error().message));
        REQUIRE(exchanged);
        CHECK(exchanged->supplier_return == batch->name());
        CHECK(last_event("repair_order.exchanged")["supplier_return"] == batch->name());
        auto held = inventory::find_supplier_return(inventory, batch->name());
        REQUIRE(held);
        REQUIRE(held->lines.size() == 1);
        CHECK(held->lines[0].sku == phone);
        CHECK(held->lines[0].serial == imei);
        CHECK(held->lines[0].reason == inventory::ReturnReason::CoreReturn);
        CHECK(held->lines[0].reference == order);
        CHECK(inventory::find_supplier_return(inventory, other->name())->lines.empty());
    }
}

TEST_CASE_METHOD(ReturnFixture, "a return inspected for resale goes back on the shelf, graded") {
    const std::string imei = "490154203237518";  // scanned at intake
    SECTION("a bare move to restocked is refused: the inspection decides where the unit goes") {
        auto bare = move_order(*store, {order, OrderState::Restocked, technician, ""});
        REQUIRE_FALSE(bare);
        CHECK_THAT(bare.error().message, Catch::Contains("station returns inspect " + order));
    }
    SECTION("grade D is never restocked; a restock needs a bin and a whole-unit part") {
        auto damaged = inspect_return(
            *store, {order, ConditionGrade::D, ResaleOutcome::Restock, k_bin, technician, ""});
        REQUIRE_FALSE(damaged);
        CHECK_THAT(damaged.error().message, Catch::Contains("grade D"));
        auto no_bin = inspect_return(
            *store, {order, ConditionGrade::A, ResaleOutcome::Restock, "", technician, ""});
        REQUIRE_FALSE(no_bin);
        CHECK_THAT(no_bin.error().message, Catch::Contains("--bin"));
        auto no_part = inspect_return(
            *store, {order, ConditionGrade::A, ResaleOutcome::Restock, k_bin, technician, ""});
        REQUIRE_FALSE(no_part);
        CHECK_THAT(no_part.error().message, Catch::Contains("no part is a whole unit of Phone X2"));
        CHECK(state() == OrderState::Diagnosed);
        CHECK(store->db()
                  .query_one<std::int64_t>("SELECT count(*) FROM resale_inspections")
                  ->value() == 0);
    }
    SECTION("restocked: the unit is on the shelf by its IMEI, the event carries the grade") {
        std::string phone = add_part("UNIT-PX2", "Phone X2");
        auto inspected = inspect_return(
            *store, {order, ConditionGrade::B, ResaleOutcome::Restock, k_bin, technician, ""});
        INFO((inspected ? "" : inspected.error().message));
        REQUIRE(inspected);
        CHECK(state() == OrderState::Restocked);
        CHECK(on_shelf(imei) == 1);
        auto event = last_event("repair_order.restocked");
        CHECK(event["grade"] == "B");
        CHECK(event["outcome"] == "restock");
        CHECK(event["serial"] == imei);
        CHECK(event["restocked_sku"] == phone);
        CHECK(event["activated"] == false);
        CHECK(event["missing_accessories"].is_array());
        // The restocked unit is a replacement for the next exchange of that product.
        auto part = inventory::find_part(inventory, phone);
        REQUIRE(part);
        CHECK(inventory::part_stock(inventory, part->id)->on_hand == 1);
    }
    SECTION("returned to the vendor: nothing enters stock") {
        auto inspected = inspect_return(
            *store, {order, ConditionGrade::C, ResaleOutcome::ReturnToVendor, "", technician, ""});
        REQUIRE(inspected);
        CHECK(state() == OrderState::Restocked);
        CHECK(on_shelf(imei) == 0);
        auto event = last_event("repair_order.restocked");
        CHECK(event["outcome"] == "return_to_vendor");
        CHECK(event["restocked_sku"] == "");
        auto found = find_inspection(*store, find_order_by_number(*store, order).value()->id);
        REQUIRE(found);
        REQUIRE(*found);
        CHECK((*found)->grade == ConditionGrade::C);
    }
}
