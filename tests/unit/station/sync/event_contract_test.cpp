// The contract between station and platform: every event the station can write passes the
// reference platform's schema check, and the platform's seed RMAs are readable by the station.
#include <catch2/catch.hpp>

#include <set>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/intake.h"
#include "station/orders/order_state.h"
#include "station/orders/ownership.h"
#include "station/orders/quotes.h"
#include "station/orders/route_guard.h"
#include "station/orders/workflow.h"
#include "station/returns/exchange.h"
#include "station/returns/resale_inspection.h"
#include "station/rma/rma_json.h"
#include "station/shipping/shipment.h"
#include "station/shipping/waybill_pool.h"
#include "station/sync/outbox.h"
#include "station/sync/sync_wire.h"
#include "tests/support/parts_fixture.h"
#include "tests/support/qa_fixture.h"
#include "tests/support/rules_fixture.h"
#include "tests/support/station_fixture.h"
#include "tools/platform/event_schema.h"
#include "tools/platform/seed_data.h"

using namespace rs;
using namespace rs::station;

namespace {
// The last outbox event as the wire carries it.
nlohmann::json last_event_on_the_wire(StationStore& store) {
    auto rows = sendable_events(store, 100000).value();
    REQUIRE_FALSE(rows.empty());
    auto body = nlohmann::json::parse(encode_batch("bench-1", std::span(&rows.back(), 1)));
    return body["events"][0];
}
}  // namespace

TEST_CASE_METHOD(test::StationFixture,
                 "every state change the station can make is an event the platform accepts") {
    import({test::rma_json(1, "1Z999AA10123456784")});
    auto session = IntakeSession::start(*store, warehouse);
    REQUIRE(session);
    auto received = session->scan(Scan{"t", "1Z999AA10123456784", "", 0});
    REQUIRE(received);
    std::string order = received->order_numbers.at(0);
    auto checked = platform::check_event(last_event_on_the_wire(*store));
    CHECK_FALSE(checked);

    // The identity scans publish their own events.
    for (const char* imei : {"490154203237518", "353918056789015"}) {
        REQUIRE(session->scan(Scan{"t", imei, "", 0}));
        auto event = last_event_on_the_wire(*store);
        INFO(event.dump());
        auto bad = platform::check_event(event);
        CHECK_FALSE(bad);
    }

    // The after-sales steps publish their own events too.
    auto check_last = [&](const char* type) {
        auto event = last_event_on_the_wire(*store);
        INFO(event.dump());
        CHECK(event["type"] == type);
        auto bad = platform::check_event(event);
        if (bad) FAIL(bad->code << ": " << bad->reason);
    };
    Policy policy = test::load_example_rules(*store);
    REQUIRE(clear_identity_flag(*store, order, supervisor, "second phone of the same customer"));
    check_last("repair_order.identity.cleared");
    REQUIRE(hand_over(*store, order, technician, warehouse, "to the repair bench"));
    check_last("repair_order.handed_over");
    REQUIRE(move_order(*store, {order, OrderState::Inspected, technician, ""}));
    REQUIRE(record_diagnosis(*store, policy,
                             test::phone_diagnosis(order, technician, FaultCause::Liquid)));
    check_last("repair_order.diagnosed");
    REQUIRE(decide_order(*store, policy, order, technician));
    check_last("repair_order.route_decided");
    REQUIRE(override_route(*store, order, Route::Quote, supervisor, "contract test"));
    check_last("repair_order.route_overridden");

    // Every transition of the table, from its state, by a supervisor (who may make them all),
    // along a route that allows it: the supervisor sets it when the move leaves diagnosis.
    for (const auto& transition : transition_table()) {
        auto set = store->db().prepare("UPDATE repair_orders SET state = ?1 WHERE number = ?2");
        REQUIRE(set);
        set->bind_all(name_of(transition.from), order);
        REQUIRE(set->run());
        if (transition.from == OrderState::Diagnosed)
            for (Route route : all_values<Route>()) {
                auto targets = route_targets(route);
                if (std::find(targets.begin(), targets.end(), transition.to) != targets.end())
                    REQUIRE(override_route(*store, order, route, supervisor, "contract test"));
            }
        if (transition.from == OrderState::AwaitingApproval &&
            transition.to == OrderState::ReturnedUnrepaired)
            clock.advance(30LL * 86'400'000);  // the quote made above expired unanswered
        // QA passes only with every step of the checklist recorded when it started.
        if (transition.from == OrderState::Qa && transition.to == OrderState::ReadyToShip)
            test::pass_every_step(*this, order);
        Status moved = {};
        if (transition.to == OrderState::AwaitingApproval) {
            auto quoted = make_quote(*store, policy, {order, supervisor, {}, {"R10"}, "contract"});
            if (!quoted) moved = std::unexpected(quoted.error());
        } else if (transition.to == OrderState::Shipped) {
            // A parcel leaves through station/shipping: a number from the pool, its labels.
            REQUIRE(add_waybills(*store, {"SF Express", "contract", {"SF500000000000"}}));
            labels::TemplateContext labels;
            labels.sender = {{"name", "Repair Center"}, {"address", "Shenzhen"}};
            auto raster = labels::TextRaster::open();
            REQUIRE(raster);
            labels.text.raster = *raster;
            auto shipped = ship_order(*store, policy, {order, supervisor, 400, "desk", labels});
            if (!shipped) moved = std::unexpected(shipped.error());
        } else if (transition.to == OrderState::Exchanged) {
            // A replacement of the customer's product leaves stock through station/returns.
            inventory::Inventory stock(store->db(), store->clock());
            inventory::Part unit;
            unit.sku = labels::make_own_id(labels::CodeKind::PartSku, "UNIT-PX2");
            unit.tracking = inventory::Tracking::Serial;
            REQUIRE(inventory::add_part(stock, unit));
            REQUIRE(inventory::set_unit_product(stock, unit.sku, "Phone X2"));
            std::string bin = labels::make_own_id(labels::CodeKind::Bin, "U-01");
            REQUIRE(inventory::add_location(stock, {0, bin, inventory::LocationKind::Bin, "", ""}));
            inventory::MoveRequest shelved;
            shelved.part_id = inventory::find_part(stock, unit.sku)->id;
            shelved.from_id = inventory::find_location(stock, inventory::k_supplier)->id;
            shelved.to_id = inventory::find_location(stock, bin)->id;
            shelved.qty = 1;
            shelved.serial = "PX2-0001";
            REQUIRE(inventory::move_stock(stock, shelved));
            auto exchanged = exchange_order(*store, {order, "PX2-0001", {}, supervisor, ""});
            if (!exchanged) moved = std::unexpected(exchanged.error());
        } else if (transition.to == OrderState::Restocked) {
            auto inspected = inspect_return(
                *store,
                {order, ConditionGrade::C, ResaleOutcome::ReturnToVendor, "", supervisor, ""});
            if (!inspected) moved = std::unexpected(inspected.error());
        } else if (auto done = move_order(*store, {order, transition.to, supervisor, "contract"});
                   !done) {
            moved = std::unexpected(done.error());
        }
        INFO(name_of(transition.from) << " -> " << name_of(transition.to));
        INFO((moved ? "" : moved.error().message));
        REQUIRE(moved);
        auto event = last_event_on_the_wire(*store);
        CHECK(event["type"] == transition.event);
        auto bad = platform::check_event(event);
        if (bad) FAIL(bad->code << ": " << bad->reason);
        REQUIRE(platform::find_event_schema(transition.event));
        CHECK(std::string(platform::find_event_schema(transition.event)->to_state) ==
              name_of(transition.to));
    }
}

TEST_CASE("the platform's generated RMAs are valid for the station") {
    auto rmas = platform::generated_rmas(50);
    REQUIRE(rmas.size() == 50);
    auto parsed = parse_rmas(nlohmann::json{{"rmas", rmas}}.dump());
    REQUIRE(parsed);
    for (const auto& rma : *parsed) {
        CHECK(rma.return_address.country == "CN");
        CHECK_FALSE(rma.return_address.province.empty());
        REQUIRE(rma.inbound_tracking.size() == 1);
        auto reading = labels::classify(rma.inbound_tracking[0]).front();
        CHECK(reading.kind == labels::CodeKind::Tracking);
        CHECK(reading.valid);
    }
    CHECK((*parsed)[0].number != (*parsed)[1].number);
}

TEST_CASE_METHOD(test::PartsFixture,
                 "the parts steps of an order are events the platform accepts") {
    receive(fmt::format("(01){}(10)L1", test::k_screen_gtin), 1);
    receive(test::k_screw, 10);
    std::string order = diagnosed_order();
    REQUIRE(reserve(order, test::k_screen, 2));  // one short: the station waits for it
    // The missing screen arrives: the backorder is filled and the repair goes on by itself.
    REQUIRE(receive(fmt::format("(01){}(10)L2", test::k_screen_gtin), 1).filled.size() == 1);
    REQUIRE(state(order) == OrderState::InRepair);
    REQUIRE(reserve(order, test::k_screw, 2));
    REQUIRE(pick_order_part(*store, order, bin, test::k_screw, technician));
    REQUIRE(pick_order_part(*store, order, bin, test::k_screen_gtin, technician));
    REQUIRE(pick_order_part(*store, order, bin, test::k_screen_gtin, technician));
    REQUIRE(consume_order_parts(*store, order, technician));
    REQUIRE(release_order_parts(*store, order, technician));  // nothing left: 0 units
    // QA through its checklist: a failed step back to repair, then every step passed.
    REQUIRE(start_qa(*store, {order, technician, {"R10"}, ""}));
    REQUIRE(record_qa_result(*store, {order, 3, std::nullopt, "3.1", "", "", technician}));
    REQUIRE(finish_qa(*store, order, technician, "battery low"));
    test::pass_qa(*this, order);
    // Out of warranty: quoted with a substitute battery, accepted with the customer's consent.
    import({test::recent_rma(77, "1Z999AA10123456784")});
    std::string quoted = test::receive_for_technician(*this, test::rma_number(77));
    test::inspect_and_diagnose(*this, policy, quoted, FaultCause::Liquid);
    REQUIRE(decide_order(*store, policy, quoted, technician));
    REQUIRE(
        make_quote(*store, policy, {quoted, technician, {{"SKU-BAT-X2-OEM2", 1, true}}, {}, ""}));
    REQUIRE(accept_quote(*store, {quoted, supervisor, true, ""}));
    std::string cancelled = diagnosed_order();
    REQUIRE(reserve(cancelled, test::k_screw));
    REQUIRE(move_order(*store, {cancelled, OrderState::Cancelled, supervisor, "RMA cancelled"}));

    auto rows = sendable_events(*store, 100000).value();
    auto body = nlohmann::json::parse(encode_batch("bench-1", rows));
    std::set<std::string> types;
    for (const auto& event : body["events"]) {
        INFO(event.dump());
        if (auto bad = platform::check_event(event)) FAIL(bad->code << ": " << bad->reason);
        types.insert(event["type"].get<std::string>());
    }
    for (const char* type :
         {"repair_order.parts_reserved", "repair_order.part_picked", "repair_order.parts_used",
          "repair_order.parts_released", "repair_order.awaiting_parts", "repair_order.repaired",
          "repair_order.qa_passed", "repair_order.qa_failed", "repair_order.cancelled",
          "repair_order.backorder_filled", "repair_order.repair_started",
          "repair_order.quote_approved"}) {
        INFO(type);
        CHECK(types.contains(type));
    }
}
