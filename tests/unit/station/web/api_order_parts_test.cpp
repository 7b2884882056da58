// The routes of an order's parts, called as the server calls them on a real store: the
// stockroom's answers come through (reserved, short and backordered, picked, used), refusals as
// 400/404/409 with the domain's words, and nothing is handed out twice.
#include <catch2/catch.hpp>

#include "labels/codes/code_grammar.h"
#include "station/orders/workflow.h"
#include "tests/unit/station/web/diagnosed_order.h"
#include "tests/unit/station/web/web_fixture.h"

using namespace rs;
using namespace rs::station;

using test::k_bin;
using test::WebFixture;

TEST_CASE("an order's parts through the web: reserved, short, picked and used", "[web]") {
    WebFixture f;
    std::string order = test::diagnosed_order(f, "repair", false);
    std::string screw = f.stock_part("SCR-W1", 3, 300);
    const std::string parts = "/api/v1/orders/" + order + "/parts";

    SECTION("reserve, pick and consume, as the repair goes") {
        auto reserved = f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", 2}});
        REQUIRE(reserved.status == 200);
        auto body = WebFixture::json_of(reserved);
        CHECK(body["reserved"] == 2);
        CHECK(body["backordered"] == 0);
        CHECK(body["lines"].at(0)["location"] == k_bin);

        auto listed = WebFixture::json_of(f.call("GET", parts, f.technician));
        CHECK(listed["reserved"].size() == 1);
        CHECK(listed["consumed"].empty());

        // Not in repair yet: nothing is used.
        auto early = f.call("POST", parts + "/consume", f.technician);
        CHECK(early.status == 409);

        auto wrong_bin =
            f.call("POST", parts + "/pick", f.technician,
                   {{"bin", labels::make_own_id(labels::CodeKind::Bin, "Z-99")}, {"part", screw}});
        CHECK(wrong_bin.status == 404);
        auto picked =
            f.call("POST", parts + "/pick", f.technician, {{"bin", k_bin}, {"part", screw}});
        INFO(picked.body);
        REQUIRE(picked.status == 200);
        CHECK(WebFixture::json_of(picked)["qty"] == 2);

        REQUIRE(move_order(*f.store, {order, OrderState::InRepair, f.technician, ""}));
        auto used = f.call("POST", parts + "/consume", f.technician);
        INFO(used.body);
        REQUIRE(used.status == 200);
        CHECK(WebFixture::json_of(used)["consumed"] == 2);
        auto after = WebFixture::json_of(f.call("GET", parts, f.technician));
        CHECK(after["reserved"].empty());
        REQUIRE(after["consumed"].size() == 1);
        CHECK(after["consumed"][0]["qty"] == 2);
    }

    SECTION("the last units go once: the rest is backordered, and released on request") {
        REQUIRE(f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", 2}}).status == 200);
        auto short_one = f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", 2}});
        REQUIRE(short_one.status == 200);
        auto body = WebFixture::json_of(short_one);
        CHECK(body["reserved"] == 1);
        CHECK(body["backordered"] == 1);
        auto none_left =
            WebFixture::json_of(f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", 1}}));
        CHECK(none_left["reserved"] == 0);
        CHECK(none_left["backordered"] == 1);

        auto released = f.call("POST", parts + "/release", f.technician);
        REQUIRE(released.status == 200);
        CHECK(WebFixture::json_of(released)["released"] == 3);
        CHECK(WebFixture::json_of(f.call("GET", parts, f.technician))["reserved"].empty());
    }

    SECTION("bad requests and unknown things are refused in words, nothing booked") {
        CHECK(f.call("POST", parts, f.technician, {{"qty", 1}}).status == 400);
        CHECK(f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", 0}}).status == 400);
        CHECK(f.call("POST", parts, f.technician, {{"sku", screw}, {"qty", "2"}}).status == 400);
        CHECK(f.call("POST", parts + "/pick", f.technician, {{"bin", k_bin}}).status == 400);
        auto unknown_part =
            f.call("POST", parts, f.technician,
                   {{"sku", labels::make_own_id(labels::CodeKind::PartSku, "NOPE")}});
        CHECK(unknown_part.status == 404);
        CHECK(f.call("POST", "/api/v1/orders/RO-999999X/parts", f.technician, {{"sku", screw}})
                  .status == 404);
        // The warehouse does not take parts for a repair.
        CHECK(f.call("POST", parts, f.warehouse, {{"sku", screw}}).status == 403);
        CHECK(WebFixture::json_of(f.call("GET", parts, f.technician))["reserved"].empty());
    }
}
