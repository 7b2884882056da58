// The cost of a repair order: parts at their ledger cost plus the standard minutes of its repair
// codes at the policy's hourly rate; on the order and in its qa_passed event.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "station/orders/order_cost.h"
#include "station/orders/qa.h"
#include "tests/support/parts_fixture.h"
#include "tests/support/qa_fixture.h"

using namespace rs;
using namespace rs::station;

TEST_CASE_METHOD(test::PartsFixture, "an order's cost is its parts' ledger cost plus its labour") {
    // Two screens received at 250.00 and 310.00: the ledger's moving average is 280.00.
    receive(fmt::format("(01){}(10)L1", test::k_screen_gtin), 1, 25000);
    receive(fmt::format("(01){}(10)L2", test::k_screen_gtin), 1, 31000);
    receive(test::k_screw, 10, 7);
    std::string order = diagnosed_order();
    auto none = order_cost(*store, find_order_by_number(*store, order).value().value());
    REQUIRE(none);
    CHECK(none->total_minor == 0);
    CHECK(none->currency == "CNY");

    REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, ""}));
    REQUIRE(reserve(order, test::k_screen));
    REQUIRE(reserve(order, test::k_screw, 2));
    REQUIRE(pick_order_part(*store, order, bin, test::k_screen_gtin, technician));
    REQUIRE(pick_order_part(*store, order, bin, test::k_screw, technician));
    REQUIRE(consume_order_parts(*store, order, technician));
    // Repair codes of the example phone catalog: R10 (45 min) and R20 (30 min), at 120.00/h.
    auto started = start_qa(*store, {order, technician, {"R10", "R20"}, ""});
    INFO((started ? "" : started.error().message));
    REQUIRE(started);

    auto cost = order_cost(*store, find_order_by_number(*store, order).value().value());
    REQUIRE(cost);
    auto used = parts_used(*store, find_order_by_number(*store, order).value().value());
    REQUIRE(used);
    // By hand: the parts as the ledger booked them, 45 min x 120.00/h = 90.00, 30 min = 60.00.
    std::int64_t parts = 0;
    for (const auto& part : (*used)["parts"])
        parts += part["qty"].get<std::int64_t>() * part["unit_cost"].get<std::int64_t>();
    CHECK(parts == 28000 + 2 * 7);
    CHECK(cost->parts_minor == 28014);
    CHECK(cost->labour_minor == 9000 + 6000);
    CHECK(cost->total_minor == 43014);
    REQUIRE(cost->labour.size() == 2);
    CHECK(cost->labour[0].code == "R10");
    CHECK(cost->labour[0].minutes == 45);
    auto json = cost_to_json(*cost);
    CHECK(json["total_minor"] == 43014);
    CHECK(json["currency"] == "CNY");

    test::pass_every_step(*this, order);
    REQUIRE(move_order(*store, {order, OrderState::ReadyToShip, technician, ""}));
    auto passed = last_event("repair_order.qa_passed");
    CHECK(passed["cost"]["parts_minor"] == 28014);
    CHECK(passed["cost"]["labour_minor"] == 15000);
    CHECK(passed["cost"]["total_minor"] == 43014);
    CHECK(passed["cost"]["currency"] == "CNY");
}
