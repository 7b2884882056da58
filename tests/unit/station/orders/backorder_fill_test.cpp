// Receiving stock fills the backorders of repair orders, the one due first first, in the
// receipt's transaction; an order whose last shortage is filled goes on to its repair.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "inventory/reservations.h"
#include "station/orders/backorder_fill.h"
#include "tests/support/parts_fixture.h"

using namespace rs;
using namespace rs::station;

using test::k_screen;
using test::k_screen_gtin;
using test::PartsFixture;

namespace {

std::string screens(const std::string& lot) {
    return fmt::format("(01){}(10){}", k_screen_gtin, lot);
}

// The screens reserved, all orders together.
std::int64_t screens_reserved(PartsFixture& f) {
    return f.number(
        "SELECT s.reserved FROM inv_part_stock s JOIN inv_parts p ON p.id = s.part_id "
        "WHERE p.sku = '" +
        k_screen + "'");
}

}  // namespace

TEST_CASE_METHOD(PartsFixture,
                 "a receipt short of what two orders wait for fills the one due first first") {
    // `early` is diagnosed first, so its repair is due first (the example policy: 5 working
    // days after its warranty route was decided); `late` a week later. `late` runs short first,
    // so its backorder is the older one: the deadline, not the backorder's age, decides.
    std::string early = diagnosed_order();
    clock.advance(7LL * 86'400'000);
    std::string late = diagnosed_order();
    REQUIRE(move_order(*store, {late, OrderState::InRepair, technician, ""}));
    auto late_short = reserve(late, k_screen, 2);
    REQUIRE(late_short);
    REQUIRE(late_short->stock.backordered == 2);
    clock.advance(60'000);
    auto early_short = reserve(early, k_screen, 2);
    REQUIRE(early_short);
    REQUIRE(early_short->stock.backordered == 2);
    REQUIRE(state(early) == OrderState::AwaitingParts);
    REQUIRE(state(late) == OrderState::AwaitingParts);

    auto receipt = receive(screens("L9"), 3);  // both need 4
    REQUIRE(receipt.filled.size() == 2);
    CHECK(receipt.filled[0].order_number == early);
    CHECK(receipt.filled[0].qty == 2);
    CHECK(receipt.filled[0].still_short == 0);
    CHECK(receipt.filled[0].owner == technician);
    REQUIRE(receipt.filled[0].deadline);
    REQUIRE(receipt.filled[1].deadline);
    CHECK(*receipt.filled[0].deadline < *receipt.filled[1].deadline);
    REQUIRE(receipt.filled[0].moved_to);
    CHECK(*receipt.filled[0].moved_to == OrderState::InRepair);
    CHECK(receipt.filled[1].order_number == late);
    CHECK(receipt.filled[1].qty == 1);
    CHECK(receipt.filled[1].still_short == 1);
    CHECK_FALSE(receipt.filled[1].moved_to);

    // The early order goes on to its repair, moved by the station because of the receipt.
    CHECK(state(early) == OrderState::InRepair);
    CHECK(state(late) == OrderState::AwaitingParts);
    auto started = last_event("repair_order.repair_started");
    CHECK(started["repair_order"] == early);
    CHECK(started["operator"] == "system");
    CHECK(started["caused_by"] == parts_manager);
    CHECK(started["owner"] == technician);
    CHECK(started["parts_arrived"][0]["qty"] == 2);
    // Each fill is on its order's events and audit rows, which tell the owner.
    auto filled = last_event("repair_order.backorder_filled");
    CHECK(filled["repair_order"] == late);
    CHECK(filled["qty"] == 1);
    CHECK(filled["still_short"] == 1);
    CHECK(filled["owner"] == technician);
    CHECK(number("SELECT count(*) FROM audit_log WHERE action = 'backorder_filled'") == 2);
    // Reservations of the orders now, on the orders; what is left is still backordered.
    CHECK(number("SELECT count(*) FROM inv_backorders WHERE state = 'filled'") == 1);
    CHECK(number("SELECT qty FROM inv_backorders WHERE state = 'open'") == 1);
    CHECK(screens_reserved(*this) == 3);
    check_invariants();

    // The rest arrives: the late order moves on too, and nothing is left over to reserve.
    auto rest = receive(screens("L10"), 2);
    REQUIRE(rest.filled.size() == 1);
    CHECK(rest.filled[0].order_number == late);
    CHECK(rest.filled[0].qty == 1);
    CHECK(state(late) == OrderState::InRepair);
    CHECK(number("SELECT count(*) FROM inv_backorders WHERE state = 'open'") == 0);
    CHECK(screens_reserved(*this) == 4);
    check_invariants();
}

TEST_CASE_METHOD(PartsFixture, "orders due the same day get the part in the order they ran short") {
    std::string first = diagnosed_order();
    std::string second = diagnosed_order();
    REQUIRE(reserve(second, k_screen)->stock.backordered == 1);
    clock.advance(1000);
    REQUIRE(reserve(first, k_screen)->stock.backordered == 1);
    auto receipt = receive(screens("L1"), 1);
    REQUIRE(receipt.filled.size() == 1);
    CHECK(receipt.filled[0].order_number == second);
    CHECK(state(second) == OrderState::InRepair);
    CHECK(state(first) == OrderState::AwaitingParts);
    check_invariants();
}

TEST_CASE_METHOD(PartsFixture, "a refused receipt fills nothing and changes nothing") {
    std::string order = diagnosed_order();
    REQUIRE(reserve(order, k_screen)->stock.backordered == 1);
    auto refused =
        receive_stock(*store, {"NO-SUCH-BIN", screens("L1"), 1, 2500, "", parts_manager});
    REQUIRE_FALSE(refused);
    auto nobody = receive_stock(*store, {bin, screens("L1"), 1, 2500, "", "nobody"});
    REQUIRE_FALSE(nobody);
    CHECK(state(order) == OrderState::AwaitingParts);
    CHECK(number("SELECT count(*) FROM inv_backorders WHERE state = 'open'") == 1);
    CHECK(number("SELECT count(*) FROM inv_moves") == 0);
    check_invariants();
}
