// The contract between station and platform: every event the station can write passes the
// reference platform's schema check, and the platform's seed RMAs are readable by the station.
#include <catch2/catch.hpp>

#include "labels/codes/code_grammar.h"
#include "station/orders/intake.h"
#include "station/orders/order_state.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_json.h"
#include "station/sync/outbox.h"
#include "station/sync/sync_wire.h"
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

    // Every transition of the table, from its state, by a supervisor (who may make them all).
    for (const auto& transition : transition_table()) {
        auto set = store->db().prepare("UPDATE repair_orders SET state = ?1 WHERE number = ?2");
        REQUIRE(set);
        set->bind_all(name_of(transition.from), order);
        REQUIRE(set->run());
        auto moved = move_order(*store, {order, transition.to, supervisor, "contract test"});
        INFO(name_of(transition.from) << " -> " << name_of(transition.to));
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
