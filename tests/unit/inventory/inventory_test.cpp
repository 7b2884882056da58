// Tests of the inventory library: catalog, GS1 receiving, ledger rules, reservations, counts.
#include <catch2/catch.hpp>

#include "inventory/counting.h"
#include "inventory/ledger.h"
#include "inventory/receiving.h"
#include "inventory/reorder.h"
#include "inventory/reservations.h"
#include "inventory/valuation.h"
#include "inventory_fixture.h"

using namespace rs;
using namespace rs::inventory;
using rs::test::InventoryFixture;

namespace {
const std::string k_screen_gtin = test::gtin13("690123456789");
const std::string k_battery_gtin = test::gtin13("690123456790");

Received receive_ok(InventoryFixture& f, const std::string& bin_body, const std::string& scan,
                    std::optional<std::int64_t> cost = std::nullopt) {
    auto received = receive(*f.inv, {test::bin(bin_body), scan, std::nullopt, cost, "R-1", "OP"});
    if (!received) FAIL(received.error().describe());
    return *received;
}
}  // namespace

TEST_CASE("parts are added with GTINs, models and substitutes, and bad ones are refused") {
    InventoryFixture f;
    f.add_part("BAT-X1", Tracking::None, {k_battery_gtin});
    Part part;
    part.sku = test::sku("LCD-X2");
    part.gtins = {k_screen_gtin};
    part.compatible_models = {"Phone X2", "Phone X2 Pro"};
    part.substitutes = {test::sku("BAT-X1")};
    part.description_zh = "屏幕";
    REQUIRE(add_part(*f.inv, part));
    auto found = find_part_by_gtin(*f.inv, "0" + k_screen_gtin);
    REQUIRE(found);
    CHECK(found->sku == part.sku);
    CHECK(found->compatible_models.size() == 2);
    CHECK(found->substitutes == std::vector<std::string>{test::sku("BAT-X1")});
    CHECK(found->description_zh == "屏幕");

    CHECK(add_part(*f.inv, part).error().code == ErrorCode::Conflict);
    Part bad = part;
    bad.sku = "SKU-NOCHECK";
    CHECK(add_part(*f.inv, bad).error().code == ErrorCode::Invalid);
    bad.sku = test::sku("OTHER");
    bad.gtins = {"6901234567891"};  // wrong check digit
    CHECK(add_part(*f.inv, bad).error().code == ErrorCode::Invalid);
    bad.gtins = {};
    bad.substitutes = {test::sku("MISSING")};
    CHECK(add_part(*f.inv, bad).error().code == ErrorCode::NotFound);
}

TEST_CASE("bins need a valid code; virtual locations exist in every store") {
    InventoryFixture f;
    REQUIRE(add_location(*f.inv, {0, "WH1", LocationKind::Warehouse, "", "main"}));
    REQUIRE(add_location(*f.inv, {0, test::bin("A-01"), LocationKind::Bin, "WH1", ""}));
    CHECK(add_location(*f.inv, {0, "BIN-A-01", LocationKind::Bin, "", ""}).error().code ==
          ErrorCode::Invalid);
    CHECK(add_location(*f.inv, {0, "X", LocationKind::Scrap, "", ""}).error().code ==
          ErrorCode::Invalid);
    auto all = list_locations(*f.inv);
    REQUIRE(all);
    CHECK(all->size() == 11);  // 2 added, 7 virtual, WORKBENCH, QUARANTINE and CUSTOMERS
    CHECK(find_location(*f.inv, k_supplier_return)->kind == LocationKind::SupplierReturn);
    CHECK(find_location(*f.inv, k_quarantine)->kind == LocationKind::Workbench);
    // Customers' returned units enter from the outside, as purchases do.
    CHECK(find_location(*f.inv, "CUSTOMERS")->kind == LocationKind::Supplier);
}

TEST_CASE("GS1 receiving books lot, serial and quantity into the bin, with clear errors") {
    InventoryFixture f;
    f.add_part("LCD-X2", Tracking::Lot, {k_screen_gtin});
    f.add_part("BAT-X1", Tracking::Serial, {k_battery_gtin});
    f.add_bin("A-01");
    auto lot = receive_ok(f, "A-01", "(01)0" + k_screen_gtin + "(17)270630(10)L42(30)12", 2500);
    CHECK(lot.qty == 12);
    CHECK(lot.lot == "L42");
    CHECK(lot.expiry == "270630");
    auto serial = receive_ok(f, "A-01", "]C101" + ("0" + k_battery_gtin) + "21SN-1");
    CHECK(serial.serial == "SN-1");
    f.check();

    SECTION("an unknown GTIN says how to add it") {
        auto unknown = receive(*f.inv, {test::bin("A-01"), "(01)0" + test::gtin13("400638133393"),
                                        std::nullopt, std::nullopt, "", ""});
        REQUIRE_FALSE(unknown);
        CHECK(unknown.error().code == ErrorCode::NotFound);
        CHECK(unknown.error().message.find("station parts add") != std::string::npos);
    }
    SECTION("a lot-tracked part without a lot is refused") {
        auto no_lot = receive(*f.inv, {test::bin("A-01"), "(01)0" + k_screen_gtin, std::nullopt,
                                       std::nullopt, "", ""});
        REQUIRE_FALSE(no_lot);
        CHECK(no_lot.error().message.find("(10)") != std::string::npos);
    }
    SECTION("the same serial twice is refused") {
        auto again = receive(*f.inv, {test::bin("A-01"), "(01)0" + k_battery_gtin + "(21)SN-1",
                                      std::nullopt, std::nullopt, "", ""});
        REQUIRE_FALSE(again);
        CHECK(again.error().code == ErrorCode::Conflict);
    }
    SECTION("a damaged label and an unknown bin are refused") {
        CHECK_FALSE(receive(
            *f.inv, {test::bin("A-01"), "(01)06901234567890", std::nullopt, std::nullopt, "", ""}));
        CHECK(receive(*f.inv, {test::bin("Z-99"), "(01)0" + k_screen_gtin + "(10)L1", std::nullopt,
                               std::nullopt, "", ""})
                  .error()
                  .code == ErrorCode::NotFound);
    }
    f.check();
}

TEST_CASE("on-hand never goes negative and the moving average follows receipts") {
    InventoryFixture f;
    auto part = f.add_part("CAB-1", Tracking::None);
    auto a = f.add_bin("A-01");
    auto b = f.add_bin("B-01");
    receive_ok(f, "A-01", test::sku("CAB-1"), 1000);
    REQUIRE(receive(*f.inv, {test::bin("A-01"), test::sku("CAB-1"), 3, 2000, "", ""}));
    CHECK(part_stock(*f.inv, part)->average_cost == 1750);
    auto too_many = move_stock(*f.inv, {part, a, b, 5});
    REQUIRE_FALSE(too_many);
    CHECK(too_many.error().code == ErrorCode::Conflict);
    CHECK(too_many.error().message.find("never goes negative") != std::string::npos);
    REQUIRE(move_stock(*f.inv, {part, a, b, 4}));
    CHECK(part_stock(*f.inv, part)->on_hand == 4);
    auto value = stock_value(*f.inv);
    REQUIRE(value);
    CHECK(value->total == 7000);
    CHECK(*stock_value_at(*f.inv, f.clock.now_ms()) == 7000);
    CHECK(*stock_value_at(*f.inv, f.clock.now_ms() - 1) == 0);
    f.check();
}

TEST_CASE("reservations go FIFO by lot, pick by bin then part, consume and release") {
    InventoryFixture f;
    auto part = f.add_part("LCD-X2", Tracking::Lot, {k_screen_gtin});
    f.add_bin("A-01");
    f.add_bin("B-01");
    receive_ok(f, "B-01", "(01)0" + k_screen_gtin + "(10)OLD(30)2");
    f.clock.advance(1000);
    receive_ok(f, "A-01", "(01)0" + k_screen_gtin + "(10)NEW(30)5");

    auto r = reserve(*f.inv, {"RO-1", test::sku("LCD-X2"), 3, "", "OP"});
    REQUIRE(r);
    REQUIRE(r->lines.size() == 2);
    CHECK(r->lines[0].lot == "OLD");
    CHECK(r->lines[0].qty == 2);
    CHECK(r->lines[1].lot == "NEW");
    CHECK(r->backordered == 0);
    CHECK(part_stock(*f.inv, part)->available() == 4);
    f.check();

    CHECK(consume(*f.inv, "RO-1", "OP").error().code == ErrorCode::Conflict);
    // Wrong bin for the scanned lot: nothing reserved there.
    CHECK(pick(*f.inv, "RO-1", test::bin("A-01"), "(01)0" + k_screen_gtin + "(10)OLD", "OP")
              .error()
              .code == ErrorCode::NotFound);
    auto picked =
        pick(*f.inv, "RO-1", test::bin("B-01"), "(01)0" + k_screen_gtin + "(10)OLD", "OP");
    if (!picked) FAIL(picked.error().describe());
    f.check();

    SECTION("consume uses what was picked") {
        REQUIRE(pick(*f.inv, "RO-1", test::bin("A-01"), "(01)0" + k_screen_gtin, "OP"));
        auto used = consume(*f.inv, "RO-1", "OP");
        REQUIRE(used);
        CHECK(*used == 3);
        CHECK(part_stock(*f.inv, part)->on_hand == 4);
        CHECK(part_stock(*f.inv, part)->reserved == 0);
    }
    SECTION("release puts picked parts back in their bin") {
        auto released = release(*f.inv, "RO-1", "OP");
        REQUIRE(released);
        CHECK(*released == 3);
        auto stock = part_stock(*f.inv, part);
        CHECK(stock->on_hand == 7);
        CHECK(stock->reserved == 0);
        auto in_b = physical_balances(*f.inv, part, find_location(*f.inv, test::bin("B-01"))->id);
        REQUIRE(in_b->size() == 1);
        CHECK((*in_b)[0].qty == 2);
    }
    f.check();
}

TEST_CASE("a shortage becomes a backorder and substitutes are offered") {
    InventoryFixture f;
    f.add_part("BAT-ALT", Tracking::None);
    f.add_part("BAT-X1", Tracking::None, {}, {test::sku("BAT-ALT")});
    f.add_bin("A-01");
    receive_ok(f, "A-01", test::sku("BAT-X1"));
    REQUIRE(receive(*f.inv, {test::bin("A-01"), test::sku("BAT-ALT"), 4, std::nullopt, "", ""}));
    auto r = reserve(*f.inv, {"RO-2", test::sku("BAT-X1"), 3, "", "OP"});
    REQUIRE(r);
    CHECK(r->reserved == 1);
    CHECK(r->backordered == 2);
    REQUIRE(r->substitutes.size() == 1);
    CHECK(r->substitutes[0].available == 4);
    auto open = open_backorders(*f.inv);
    REQUIRE(open->size() == 1);
    CHECK((*open)[0].qty == 2);
    auto report = reorder_report(*f.inv);
    REQUIRE(report);
    REQUIRE(report->size() == 1);
    CHECK(report->front().suggested == 3);
    REQUIRE(release(*f.inv, "RO-2", "OP"));
    CHECK(open_backorders(*f.inv)->empty());
    f.check();
}

TEST_CASE("a specific serial is reserved, and cannot be reserved twice") {
    InventoryFixture f;
    f.add_part("BAT-X1", Tracking::Serial, {k_battery_gtin});
    f.add_bin("A-01");
    receive_ok(f, "A-01", "(01)0" + k_battery_gtin + "(21)S1");
    receive_ok(f, "A-01", "(01)0" + k_battery_gtin + "(21)S2");
    auto r = reserve(*f.inv, {"RO-3", test::sku("BAT-X1"), 1, "S2", "OP"});
    REQUIRE(r);
    CHECK(r->lines.at(0).serial == "S2");
    CHECK(reserve(*f.inv, {"RO-4", test::sku("BAT-X1"), 1, "S2", "OP"}).error().code ==
          ErrorCode::Conflict);
    f.check();
}

TEST_CASE("a cycle count posts the variance as adjustments and keeps reservations") {
    InventoryFixture f;
    auto part = f.add_part("CAB-1", Tracking::None, {k_screen_gtin});
    f.add_bin("A-01");
    REQUIRE(receive(*f.inv, {test::bin("A-01"), test::sku("CAB-1"), 5, std::nullopt, "", ""}));
    REQUIRE(reserve(*f.inv, {"RO-5", test::sku("CAB-1"), 2, "", "OP"}));
    auto counted = count_bin(*f.inv, test::bin("A-01"),
                             {"(01)0" + k_screen_gtin + "(30)2", test::sku("CAB-1")}, "", "OP");
    REQUIRE(counted);
    REQUIRE(counted->size() == 1);
    CHECK(counted->front().variance() == -2);
    CHECK(part_stock(*f.inv, part)->on_hand == 3);
    CHECK(part_stock(*f.inv, part)->reserved == 2);
    auto below = count_bin(*f.inv, test::bin("A-01"), {test::sku("CAB-1")}, "", "OP");
    REQUIRE_FALSE(below);
    CHECK(below.error().message.find("reserved") != std::string::npos);
    f.check();
}
