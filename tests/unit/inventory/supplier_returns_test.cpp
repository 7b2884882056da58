// Suppliers and supplier returns: records, the parts they supply, batches that set parts aside
// while open and take them out of stock when shipped, and the refusals a person meets.
#include <catch2/catch.hpp>

#include "inventory/ledger.h"
#include "inventory/receiving.h"
#include "inventory/reorder.h"
#include "inventory/reservations.h"
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "inventory/valuation.h"
#include "inventory_fixture.h"

using namespace rs;
using namespace rs::inventory;

namespace {

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A store with a screen (no tracking), a battery (serial) and a supplier of both.
struct ReturnsFixture : test::InventoryFixture {
    std::int64_t screen = add_part("LCD-1", Tracking::None);
    std::int64_t battery = add_part("BAT-1", Tracking::Serial);
    std::int64_t bin_a = add_bin("A-01");
    std::string a = test::bin("A-01");
    std::string lcd = test::sku("LCD-1");
    std::string bat = test::sku("BAT-1");

    ReturnsFixture() {
        REQUIRE(add_supplier(*inv, {0, "Shenzhen Parts Co", "Li Wei", "li@szparts.example",
                                    "+86 755 1234 5678", "Bao'an, Shenzhen 518101"}));
        REQUIRE(set_supplied_part(*inv, "shenzhen parts co", lcd, "SP-LCD-88"));
        REQUIRE(set_supplied_part(*inv, "Shenzhen Parts Co", bat, ""));
        REQUIRE(receive(*inv, {a, lcd, 5, 2000, "GR-1", "OP"}));
    }

    std::string open_batch() {
        auto batch = open_supplier_return(*inv, "Shenzhen Parts Co", "", "OP");
        REQUIRE(batch);
        return batch->name();
    }
    PartStock stock(std::int64_t part) {
        auto s = part_stock(*inv, part);
        REQUIRE(s);
        return *s;
    }
};

}  // namespace

TEST_CASE("a supplier is a record with its contact and the parts it supplies") {
    ReturnsFixture f;
    auto supplier = find_supplier(*f.inv, "SHENZHEN PARTS CO");
    REQUIRE(supplier);
    CHECK(supplier->contact == "Li Wei");
    CHECK(supplier->address == "Bao'an, Shenzhen 518101");
    auto parts = supplied_parts(*f.inv, supplier->id);
    REQUIRE(parts);
    REQUIRE(parts->size() == 2);
    CHECK(parts->at(1).sku == f.lcd);
    CHECK(parts->at(1).supplier_part_number == "SP-LCD-88");

    // The same name in other letters is the same supplier.
    auto twice = add_supplier(*f.inv, {0, "shenzhen parts CO"});
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == ErrorCode::Conflict);
    CHECK(has(twice.error().message, "there is a supplier named 'Shenzhen Parts Co' already"));
    CHECK_FALSE(add_supplier(*f.inv, {0, "  "}));
    auto mail = add_supplier(*f.inv, {0, "Other", "", "not-an-address"});
    REQUIRE_FALSE(mail);
    CHECK(has(mail.error().message, "not an email address"));

    auto unknown_part = set_supplied_part(*f.inv, "Shenzhen Parts Co", test::sku("NOPE"), "");
    REQUIRE_FALSE(unknown_part);
    CHECK(has(unknown_part.error().message, "is not in the catalog"));
    auto nobody = find_supplier(*f.inv, "Acme");
    REQUIRE_FALSE(nobody);
    CHECK(has(nobody.error().message, "no supplier named 'Acme' (there are: Shenzhen Parts Co)"));

    auto edited = edit_supplier(*f.inv, "Shenzhen Parts Co",
                                {.name = "SZ Parts", .phone = std::string("+86 755 0000")});
    REQUIRE(edited);
    CHECK(edited->contact == "Li Wei");  // untouched
    CHECK(find_supplier(*f.inv, "sz parts")->phone == "+86 755 0000");
    REQUIRE(add_supplier(*f.inv, {0, "Acme"}));
    CHECK(edit_supplier(*f.inv, "Acme", {.name = "SZ PARTS"}).error().code == ErrorCode::Conflict);

    REQUIRE(remove_supplied_part(*f.inv, "SZ Parts", f.bat));
    CHECK(supplied_parts(*f.inv, supplier->id)->size() == 1);
    CHECK(remove_supplied_part(*f.inv, "SZ Parts", f.bat).error().code == ErrorCode::NotFound);
}

TEST_CASE("a part in an open batch is on hand but not available, and leaves stock when shipped") {
    ReturnsFixture f;
    std::string batch = f.open_batch();
    CHECK(batch == "SR-000001");
    auto line = add_return_line(*f.inv, {.batch = batch,
                                         .sku = f.lcd,
                                         .qty = 2,
                                         .reason = ReturnReason::DeadOnArrival,
                                         .from_bin = f.a,
                                         .reference = "GR-1",
                                         .person = "OP"});
    REQUIRE(line);
    CHECK(line->supplier_part_number == "SP-LCD-88");
    f.check();
    auto stock = f.stock(f.screen);
    CHECK(stock.on_hand == 5);  // still in stock and counted
    CHECK(stock.held == 2);
    CHECK(stock.available() == 3);
    CHECK(stock_value(*f.inv)->total == 5 * 2000);

    // A reservation cannot take the set-aside units: 3 are reserved, 1 backordered.
    auto reserved = reserve(*f.inv, {"RO-1", f.lcd, 4, "", "OP"});
    REQUIRE(reserved);
    CHECK(reserved->reserved == 3);
    CHECK(reserved->backordered == 1);
    REQUIRE(release(*f.inv, "RO-1", "OP"));
    f.check();

    // Nothing else moves stock in or out of QUARANTINE.
    auto quarantine = find_location(*f.inv, k_quarantine);
    auto sneaky = move_stock(*f.inv, {f.screen, quarantine->id, f.bin_a, 1});
    REQUIRE_FALSE(sneaky);
    CHECK(has(sneaky.error().message, "station supplier-returns"));

    auto shipped = ship_supplier_return(*f.inv, {batch, "SF Express", "SF1234", "OP"});
    REQUIRE(shipped);
    CHECK(shipped->state == ReturnState::Shipped);
    CHECK(shipped->units(ReturnLineState::Shipped) == 2);
    stock = f.stock(f.screen);
    CHECK(stock.on_hand == 3);
    CHECK(stock.held == 0);
    auto moves = recent_moves(*f.inv, f.screen, 1);
    CHECK(moves->front().to == k_supplier_return);
    CHECK(moves->front().reason == "doa");
    CHECK(moves->front().reference == batch);
    f.check();

    // A shipped batch is closed.
    auto again = ship_supplier_return(*f.inv, {batch, "", "", "OP"});
    REQUIRE_FALSE(again);
    CHECK(has(again.error().message, "was shipped already"));
    CHECK_FALSE(add_return_line(*f.inv, {.batch = batch,
                                         .sku = f.lcd,
                                         .reason = ReturnReason::GoodPartReturn,
                                         .from_bin = f.a,
                                         .person = "OP"}));
}

TEST_CASE("a line taken back out returns to its bin; an empty batch does not ship") {
    ReturnsFixture f;
    std::string batch = f.open_batch();
    auto line = add_return_line(*f.inv, {.batch = batch,
                                         .sku = f.lcd,
                                         .qty = 5,
                                         .reason = ReturnReason::GoodPartReturn,
                                         .from_bin = f.a,
                                         .person = "OP"});
    REQUIRE(line);
    CHECK(f.stock(f.screen).available() == 0);
    auto removed = remove_return_line(*f.inv, batch, line->id, "OP");
    REQUIRE(removed);
    CHECK(removed->state == ReturnLineState::Removed);
    CHECK(f.stock(f.screen).available() == 5);
    CHECK(physical_balances(*f.inv, f.screen)->front().location == f.a);
    f.check();
    CHECK(remove_return_line(*f.inv, batch, line->id, "OP").error().code == ErrorCode::Conflict);
    CHECK(remove_return_line(*f.inv, batch, 999, "OP").error().code == ErrorCode::NotFound);
    auto empty = ship_supplier_return(*f.inv, {batch, "", "", "OP"});
    REQUIRE_FALSE(empty);
    CHECK(has(empty.error().message, "holds no parts"));
}

TEST_CASE("set-aside units lower the reorder position") {
    ReturnsFixture f;
    REQUIRE(f.db->prepare("UPDATE inv_parts SET reorder_point = 3 WHERE id = ?1")
                ->bind_all(f.screen)
                .run());
    CHECK(reorder_report(*f.inv)->empty());  // 5 on hand, above 3
    REQUIRE(add_return_line(*f.inv, {.batch = f.open_batch(),
                                     .sku = f.lcd,
                                     .qty = 3,
                                     .reason = ReturnReason::Damaged,
                                     .from_bin = f.a,
                                     .person = "OP"}));
    auto report = reorder_report(*f.inv);
    REQUIRE(report->size() == 1);
    CHECK(report->front().held == 3);
    CHECK(report->front().position() == 2);
}

TEST_CASE("refusals say why: supplier, reason, source, stock") {
    ReturnsFixture f;
    std::string batch = f.open_batch();
    auto cable = f.add_part("CAB-1", Tracking::None);
    REQUIRE(receive(*f.inv, {f.a, test::sku("CAB-1"), 1, 100, "", "OP"}));
    auto not_theirs = add_return_line(*f.inv, {.batch = batch,
                                               .sku = test::sku("CAB-1"),
                                               .reason = ReturnReason::DeadOnArrival,
                                               .from_bin = f.a,
                                               .person = "OP"});
    REQUIRE_FALSE(not_theirs);
    CHECK(
        has(not_theirs.error().message, "Shenzhen Parts Co does not supply " + test::sku("CAB-1")));
    CHECK(has(not_theirs.error().message, "station suppliers supplies"));
    CHECK(f.stock(cable).held == 0);

    auto core_from_bin = add_return_line(*f.inv, {.batch = batch,
                                                  .sku = f.lcd,
                                                  .reason = ReturnReason::CoreReturn,
                                                  .from_bin = f.a,
                                                  .person = "OP"});
    REQUIRE_FALSE(core_from_bin);
    CHECK(has(core_from_bin.error().message, "--from-order"));
    auto nowhere = add_return_line(
        *f.inv, {.batch = batch, .sku = f.lcd, .reason = ReturnReason::DeadOnArrival});
    REQUIRE_FALSE(nowhere);
    CHECK(has(nowhere.error().message, "say where the part comes from"));
    auto too_many = add_return_line(*f.inv, {.batch = batch,
                                             .sku = f.lcd,
                                             .qty = 6,
                                             .reason = ReturnReason::DeadOnArrival,
                                             .from_bin = f.a,
                                             .person = "OP"});
    REQUIRE_FALSE(too_many);
    CHECK(too_many.error().code == ErrorCode::Conflict);
    auto no_batch = add_return_line(*f.inv, {.batch = "SR-000009",
                                             .sku = f.lcd,
                                             .reason = ReturnReason::DeadOnArrival,
                                             .from_bin = f.a,
                                             .person = "OP"});
    REQUIRE_FALSE(no_batch);
    CHECK(has(no_batch.error().message, "no supplier return SR-000009"));
    CHECK(has(find_supplier_return(*f.inv, "RO-1").error().message, "is not a supplier return"));
    f.check();
}

TEST_CASE("a core taken out of a device and a part dead when fitted go back from the order") {
    ReturnsFixture f;
    REQUIRE(move_stock(
        *f.inv, {f.battery, find_location(*f.inv, k_supplier)->id, f.bin_a, 1, "", "BAT-NEW-1"}));
    REQUIRE(reserve(*f.inv, {"RO-7", f.lcd, 1, "", "OP"}));
    REQUIRE(reserve(*f.inv, {"RO-7", f.bat, 1, "", "OP"}));
    REQUIRE(pick(*f.inv, "RO-7", f.a, f.lcd, "OP"));
    REQUIRE(pick(*f.inv, "RO-7", f.a, f.bat, "OP"));
    REQUIRE(consume(*f.inv, "RO-7", "OP"));
    std::string batch = f.open_batch();

    // Not consumed by that order: refused, naming what it did use.
    auto other = add_return_line(*f.inv, {.batch = batch,
                                          .sku = f.lcd,
                                          .reason = ReturnReason::CoreReturn,
                                          .from_order = "RO-8",
                                          .person = "OP"});
    REQUIRE_FALSE(other);
    CHECK(has(other.error().message, "RO-8 used no " + f.lcd));
    CHECK(has(other.error().message, "consumed no parts yet"));

    // The old screen taken out of the device: a core, not stock.
    auto core = add_return_line(*f.inv, {.batch = batch,
                                         .sku = f.lcd,
                                         .reason = ReturnReason::CoreReturn,
                                         .from_order = "RO-7",
                                         .person = "OP"});
    REQUIRE(core);
    CHECK(core->origin == k_consumption);
    CHECK(core->reference == "RO-7");
    CHECK(f.stock(f.screen).on_hand == 4);
    auto second = add_return_line(*f.inv, {.batch = batch,
                                           .sku = f.lcd,
                                           .reason = ReturnReason::CoreReturn,
                                           .from_order = "RO-7",
                                           .person = "OP"});
    REQUIRE_FALSE(second);
    CHECK(has(second.error().message, "RO-7 used " + f.lcd +
                                          " x1; 1 of them are in a supplier "
                                          "return as core_return already"));
    // A good part cannot come from an order.
    auto good = add_return_line(*f.inv, {.batch = batch,
                                         .sku = f.lcd,
                                         .reason = ReturnReason::GoodPartReturn,
                                         .from_order = "RO-7",
                                         .person = "OP"});
    REQUIRE_FALSE(good);
    CHECK(has(good.error().message, "comes from a bin"));

    // The new battery was dead when fitted: its serial must be the one the order used.
    auto wrong_serial = add_return_line(*f.inv, {.batch = batch,
                                                 .sku = f.bat,
                                                 .serial = "BAT-OTHER",
                                                 .reason = ReturnReason::DeadOnArrival,
                                                 .from_order = "RO-7",
                                                 .person = "OP"});
    REQUIRE_FALSE(wrong_serial);
    CHECK(has(wrong_serial.error().message, "of that lot or serial"));
    auto no_serial = add_return_line(*f.inv, {.batch = batch,
                                              .sku = f.bat,
                                              .reason = ReturnReason::DeadOnArrival,
                                              .from_order = "RO-7",
                                              .person = "OP"});
    REQUIRE_FALSE(no_serial);
    CHECK(has(no_serial.error().message, "tracked by serial"));
    REQUIRE(add_return_line(*f.inv, {.batch = batch,
                                     .sku = f.bat,
                                     .serial = "BAT-NEW-1",
                                     .reason = ReturnReason::DeadOnArrival,
                                     .from_order = "RO-7",
                                     .person = "OP"}));
    f.check();

    auto shipped = ship_supplier_return(*f.inv, {batch, "", "", "OP"});
    REQUIRE(shipped);
    CHECK(shipped->units(ReturnLineState::Shipped) == 2);
    // The order's cost keeps what it consumed; on-hand did not change by shipping cores.
    CHECK(parts_consumed(*f.inv, "RO-7")->size() == 2);
    CHECK(f.stock(f.screen).on_hand == 4);
    CHECK(f.stock(f.battery).on_hand == 0);
    auto moves = recent_moves(*f.inv, 0, 2);
    CHECK(moves->at(0).from == k_consumption);
    CHECK(moves->at(0).to == k_supplier_return);
    CHECK(moves->at(0).serial == "BAT-NEW-1");
    CHECK(moves->at(1).reason == "core_return");
    f.check();
}

TEST_CASE("supplier returns are listed newest first and found by name") {
    ReturnsFixture f;
    std::string first = f.open_batch();
    std::string second = f.open_batch();
    REQUIRE(add_return_line(*f.inv, {.batch = first,
                                     .sku = f.lcd,
                                     .reason = ReturnReason::DeadOnArrival,
                                     .from_bin = f.a,
                                     .person = "OP"}));
    REQUIRE(ship_supplier_return(*f.inv, {first, "", "", "OP"}));
    auto all = list_supplier_returns(*f.inv, std::nullopt);
    REQUIRE(all->size() == 2);
    CHECK(all->front().name() == second);
    auto open = list_supplier_returns(*f.inv, ReturnState::Open);
    REQUIRE(open->size() == 1);
    CHECK(open->front().name() == second);
    CHECK(find_supplier_return(*f.inv, "sr-1")->name() == first);
    CHECK(find_supplier_return(*f.inv, "2")->supplier.name == "Shenzhen Parts Co");
}
