// Shipping: numbers from the pool checked on the way in and used once; `ship_order` takes one,
// queues the return label and packing slip and moves the order to shipped, all or nothing.
#include <catch2/catch.hpp>

#include "labels/print/text_raster.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/printing/print_queue.h"
#include "station/shipping/manifest.h"
#include "station/shipping/shipment.h"
#include "station/shipping/waybill_pool.h"
#include "tests/support/qa_fixture.h"
#include "tests/support/rules_fixture.h"

using namespace rs;
using namespace rs::station;

namespace {

struct ShippingFixture : test::StationFixture {
    Policy policy = test::load_example_rules(*store);

    labels::TemplateContext labels() {
        labels::TemplateContext context;
        auto raster = labels::TextRaster::open();
        REQUIRE(raster);  // a CJK font (scripts/deps/labels.txt): customers' names in any script
        context.text.raster = *raster;
        context.sender = {{"name", "Repair Center"}, {"address", "Shenzhen 518057"}};
        return context;
    }

    // A warranty repair carried to ready_to_ship and handed to the warehouse.
    std::string ready_order(int rma) {
        import({test::recent_rma(rma, "SF1402398700" + std::to_string(rma))});
        std::string order = test::receive_for_technician(*this, test::rma_number(rma));
        test::inspect_and_diagnose(*this, policy, order, FaultCause::ManufacturingDefect);
        REQUIRE(decide_order(*store, policy, order, technician));
        REQUIRE(move_order(*store, {order, OrderState::InRepair, technician, ""}));
        test::pass_qa(*this, order);
        REQUIRE(hand_over(*store, order, warehouse, technician, "to shipping"));
        return order;
    }

    Result<Shipment> ship(const std::string& order, std::int64_t grams = 450) {
        return ship_order(*store, policy, {order, warehouse, grams, "desk", labels()});
    }

    void fill(const std::string& carrier, std::vector<std::string> numbers) {
        auto added = add_waybills(*store, {carrier, "batch-1", std::move(numbers)});
        INFO((added ? "" : added.error().message));
        REQUIRE(added);
    }
};

}  // namespace

TEST_CASE_METHOD(ShippingFixture, "the pool keeps only valid numbers of their carrier") {
    fill("UPS", {"1Z999AA10123456784"});
    auto bad =
        add_waybills(*store, {"UPS", "batch-2", {"1Z999AA10123456785", "1Z999AA10123456784"}});
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::Contains("1Z999AA10123456785"));
    CHECK_THAT(bad.error().message, Catch::Contains("not a valid UPS tracking number"));
    auto other_carrier = add_waybills(*store, {"DHL", "batch-3", {"1Z999AA10123456784"}});
    REQUIRE_FALSE(other_carrier);
    auto again = add_waybills(*store, {"UPS", "batch-4", {"1Z999AA10123456784"}});
    REQUIRE(again);
    CHECK(*again == 0);  // kept once
    auto levels = waybill_levels(*store);
    REQUIRE(levels);
    REQUIRE(levels->size() == 1);
    CHECK(levels->front().carrier == "UPS");
    CHECK(levels->front().free == 1);
}

TEST_CASE_METHOD(ShippingFixture,
                 "shipping takes a number, queues both labels and moves the order") {
    std::string order = ready_order(70);
    fill("SF Express", {"SF500000000001", "SF500000000000"});

    auto shipped = ship(order, 455);
    INFO((shipped ? "" : shipped.error().message));
    REQUIRE(shipped);
    // The policy's [shipping] for a warranty repair: SF Express, freight paid by the center.
    CHECK(shipped->carrier == "SF Express");
    CHECK(shipped->service == "Standard 标快");
    CHECK(shipped->freight == FreightPayer::Center);
    CHECK(shipped->tracking_number == "SF500000000000");  // oldest first, then by number
    CHECK(shipped->contents.front()["item"] == "device");
    CHECK_THAT(shipped->contents.front()["detail"].get<std::string>(),
               Catch::Contains("490154203237518"));
    CHECK(shipped->contents.size() == 5);  // the phone, charger, cable, SIM pin, box

    auto moved = find_order_by_number(*store, order);
    REQUIRE(moved);
    CHECK((*moved)->state == OrderState::Shipped);
    auto event = last_event("repair_order.shipped");
    CHECK(event["tracking_number"] == "SF500000000000");
    CHECK(event["carrier"] == "SF Express");
    CHECK(event["weight_g"] == 455);
    CHECK(event["freight_payer"] == "center");
    CHECK(event["contents"].size() == 5);
    // What the repair cost goes with the parcel: the same figure qa_passed carried.
    CHECK(event["cost"] == last_event("repair_order.qa_passed")["cost"]);
    CHECK(event["cost"]["currency"] == "CNY");

    auto jobs = list_print_jobs(*store, {.state = std::nullopt, .printer = "desk", .limit = 10});
    REQUIRE(jobs);
    REQUIRE(jobs->size() == 2);
    for (const auto& job : *jobs) {
        CHECK(job.repair_order_id == (*moved)->id);
        CHECK_THAT(job.zpl, Catch::Contains("SF500000000000"));
    }
    auto recorded = find_shipment(*store, (*moved)->id);
    REQUIRE(recorded);
    REQUIRE(*recorded);
    CHECK((*recorded)->tracking_number == "SF500000000000");
    CHECK((*recorded)->weight_g == 455);
    CHECK(*free_waybills(*store, "SF Express") == 1);

    auto twice = ship(order);
    REQUIRE_FALSE(twice);
    CHECK_THAT(twice.error().message, Catch::Contains("is shipped"));
}

TEST_CASE_METHOD(ShippingFixture, "an empty pool refuses to ship and changes nothing") {
    std::string order = ready_order(71);
    fill("UPS", {"1Z999AA10123456784"});  // not the carrier this route ships with

    auto refused = ship(order);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("no SF Express waybill number is left") &&
                                            Catch::Contains("never invents one"));
    auto still = find_order_by_number(*store, order);
    REQUIRE(still);
    CHECK((*still)->state == OrderState::ReadyToShip);
    CHECK(count("print_jobs") == 0);
    CHECK(count("shipments") == 0);
    CHECK(*free_waybills(*store, "UPS") == 1);
}

TEST_CASE_METHOD(ShippingFixture, "a bare move to shipped is refused: ship makes it") {
    std::string order = ready_order(72);
    auto bare = move_order(*store, {order, OrderState::Shipped, warehouse, "by hand"});
    REQUIRE_FALSE(bare);
    CHECK_THAT(bare.error().message, Catch::Contains("station ship " + order));
}

TEST_CASE_METHOD(ShippingFixture, "weights and printers are checked before anything changes") {
    std::string order = ready_order(73);
    fill("SF Express", {"SF500000000000"});
    auto zero = ship(order, 0);
    REQUIRE_FALSE(zero);
    CHECK(zero.error().code == ErrorCode::Invalid);
    auto heavy = ship(order, 70'001);
    REQUIRE_FALSE(heavy);
    auto no_printer = ship_order(*store, policy, {order, warehouse, 400, "", labels()});
    REQUIRE_FALSE(no_printer);
    CHECK_THAT(no_printer.error().message, Catch::Contains("printers.device"));
    CHECK(*free_waybills(*store, "SF Express") == 1);
}

TEST_CASE_METHOD(ShippingFixture, "the route picks the carrier and who pays the freight") {
    policy.shipping.routes["warranty_repair"] = {"DHL", "Express", FreightPayer::Customer};
    std::string order = ready_order(74);
    fill("DHL", {"3318810025"});
    auto shipped = ship(order);
    INFO((shipped ? "" : shipped.error().message));
    REQUIRE(shipped);
    CHECK(shipped->carrier == "DHL");
    CHECK(shipped->tracking_number == "3318810025");
    CHECK(shipped->freight == FreightPayer::Customer);
}

TEST_CASE_METHOD(ShippingFixture,
                 "a manifest takes each carrier's parcels once, and pick-up "
                 "checks against it") {
    fill("SF Express", {"SF500000000000", "SF500000000001"});
    fill("UPS", {"1Z999AA10123456784"});
    std::string first = ready_order(80);
    std::string second = ready_order(81);
    REQUIRE(ship(first, 420));
    auto nothing = close_manifest(*store, {"UPS", warehouse, "desk", labels()});
    REQUIRE_FALSE(nothing);
    CHECK_THAT(nothing.error().message, Catch::Contains("no UPS parcel is waiting"));

    auto manifest = close_manifest(*store, {"SF Express", warehouse, "desk", labels()});
    INFO((manifest ? "" : manifest.error().message));
    REQUIRE(manifest);
    CHECK(manifest->number == 1);
    REQUIRE(manifest->parcels.size() == 1);
    CHECK(manifest->parcels[0].order_number == first);
    CHECK(manifest->print_jobs.size() == 1);
    auto event = last_event("repair_order.manifested");
    CHECK(event["manifest"] == 1);
    CHECK(event["tracking_number"] == "SF500000000000");
    CHECK(event["repair_order"] == first);

    REQUIRE(ship(second, 500));  // after the manifest: on the next one
    CHECK(check_pickup(*store, "SF Express", "SF500000000000")->check == PickupCheck::OnManifest);
    auto late = check_pickup(*store, "SF Express", "SF500000000001");
    REQUIRE(late);
    CHECK(late->check == PickupCheck::NotManifested);
    CHECK_THAT(late->message, Catch::Contains("on no manifest"));
    CHECK(check_pickup(*store, "UPS", "SF500000000000")->check == PickupCheck::OtherCarrier);
    CHECK(check_pickup(*store, "SF Express", "SF499999999999")->check == PickupCheck::Unknown);

    auto next = close_manifest(*store, {"SF Express", warehouse, "desk", labels()});
    REQUIRE(next);
    CHECK(next->number == 2);
    REQUIRE(next->parcels.size() == 1);
    CHECK(next->parcels[0].order_number == second);
    auto technician_closes = close_manifest(*store, {"SF Express", technician, "desk", labels()});
    REQUIRE_FALSE(technician_closes);  // a warehouse person's or a supervisor's step
}
