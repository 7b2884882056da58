// The web routes of the order page's exchange and resale inspection, and of the Suppliers
// screen, called as the server calls them (a signed-in person, a JSON body) on a real store: the
// domain's answers come through, its refusals as 400/404/409 with its words.
#include <catch2/catch.hpp>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/workflow.h"
#include "station/web/web_api.h"
#include "tests/support/station_fixture.h"
#include "tests/unit/station/web/diagnosed_order.h"
#include "tests/unit/station/web/web_fixture.h"

using namespace rs;
using namespace rs::station;

using test::k_bin;
using test::WebFixture;

TEST_CASE("the order page exchanges a unit through the web, refusals in the domain's words",
          "[web]") {
    WebFixture f;
    std::string order = test::diagnosed_order(f, "exchange", false);
    f.shelve_unit("UNIT-PX2", "Phone X2", "PX2-0001");
    const std::string path = "/api/v1/orders/" + order + "/exchange";

    // The order page knows which end to offer.
    auto shown = f.call("GET", "/api/v1/orders/" + order, f.technician);
    CHECK(WebFixture::json_of(shown)["route"] == "exchange");

    auto no_serial = f.call("POST", path, f.technician, {{"returned_unit", "scrap"}});
    CHECK(no_serial.status == 400);
    auto bad_fate =
        f.call("POST", path, f.technician, {{"serial", "PX2-0001"}, {"returned_unit", "bin"}});
    CHECK(bad_fate.status == 400);
    CHECK_THAT(WebFixture::message_of(bad_fate),
               Catch::Contains("refurbishment, supplier_return, scrap"));
    auto missing = f.call("POST", path, f.technician, {{"serial", "PX2-9999"}});
    CHECK(missing.status / 100 == 4);
    CHECK_THAT(WebFixture::message_of(missing), Catch::Contains("no unit with serial PX2-9999"));
    CHECK(f.call("POST", path, f.warehouse, {{"serial", "PX2-0001"}}).status == 403);
    CHECK(f.state_of(order) == OrderState::Diagnosed);

    // A unit for its maker needs the open supplier-return batch it joins.
    auto no_batch =
        f.call("POST", path, f.technician,
               {{"serial", "PX2-0001"}, {"returned_unit", "supplier_return"}, {"note", "x"}});
    CHECK(no_batch.status == 400);
    CHECK_THAT(WebFixture::message_of(no_batch), Catch::Contains("name the open batch"));
    std::string unit_sku = labels::make_own_id(labels::CodeKind::PartSku, "UNIT-PX2");
    REQUIRE(inventory::add_supplier(f.inventory, {0, "Acme Phones", "", "", "", "Shenzhen"},
                                    {{unit_sku, "", "AP-X2"}}));
    auto batch = inventory::open_supplier_return(f.inventory, "Acme Phones", "", f.technician);
    REQUIRE(batch);

    auto done = f.call("POST", path, f.technician,
                       {{"serial", "PX2-0001"},
                        {"returned_unit", "supplier_return"},
                        {"supplier_return", batch->name()},
                        {"note", "x"}});
    INFO(done.body);
    REQUIRE(done.status == 200);
    auto body = WebFixture::json_of(done);
    CHECK(body["replacement_serial"] == "PX2-0001");
    CHECK(body["returned_unit"] == "supplier_return");
    CHECK(body["supplier_return"] == batch->name());
    CHECK(inventory::find_supplier_return(f.inventory, batch->name())->lines.size() == 1);
    CHECK(f.state_of(order) == OrderState::Exchanged);
    CHECK(f.last_event("repair_order.exchanged")["operator"] == f.technician);
    // Once exchanged, again is a conflict that says why.
    auto again = f.call("POST", path, f.technician, {{"serial", "PX2-0001"}});
    CHECK(again.status == 409);
    CHECK_THAT(WebFixture::message_of(again), Catch::Contains("is exchanged"));
}

TEST_CASE("the order page records a resale inspection through the web", "[web]") {
    WebFixture f;
    std::string order = test::diagnosed_order(f, "return", true);
    const std::string path = "/api/v1/orders/" + order + "/returns/inspect";
    CHECK(WebFixture::json_of(f.call("GET", "/api/v1/orders/" + order, f.technician))["route"] ==
          "return_accepted");

    CHECK(f.call("POST", path, f.technician, {{"outcome", "restock"}}).status == 400);
    auto bad_grade = f.call("POST", path, f.technician, {{"grade", "E"}});
    CHECK(bad_grade.status == 400);
    CHECK_THAT(WebFixture::message_of(bad_grade), Catch::Contains("A, B, C, D"));
    auto grade_d = f.call("POST", path, f.technician,
                          {{"grade", "D"}, {"outcome", "restock"}, {"bin", k_bin}});
    CHECK(grade_d.status / 100 == 4);
    CHECK(f.state_of(order) == OrderState::Diagnosed);

    auto done =
        f.call("POST", path, f.technician, {{"grade", "C"}, {"outcome", "return_to_vendor"}});
    INFO(done.body);
    REQUIRE(done.status == 200);
    auto body = WebFixture::json_of(done);
    CHECK(body["grade"] == "C");
    CHECK(body["outcome"] == "return_to_vendor");
    CHECK(f.state_of(order) == OrderState::Restocked);
    auto event = f.last_event("repair_order.restocked");
    CHECK(event["outcome"] == "return_to_vendor");
    CHECK(event["grade"] == "C");
}

TEST_CASE("the Suppliers screen lists suppliers and returns and ships one with its label",
          "[web]") {
    WebFixture f(
        "[printers]\ndefault = \"desk\"\n[[printers.device]]\nname = \"desk\"\ndriver = \"tcp\"\n"
        "address = \"127.0.0.1:9\"\n[labels]\nsender_name = \"Repair Center\"\n"
        "sender_address = \"518057 Shenzhen\"\n");
    const std::string screen = f.stock_part("LCD-X2", 3, 25000);
    REQUIRE(inventory::add_supplier(
        f.inventory, {0, "华强配件", "李伟", "", "+86 755 8321 5566", "深圳市福田区华强北路1002号"},
        {{screen, "", "HQ-LCD-X2"}}));
    auto batch = inventory::open_supplier_return(f.inventory, "华强配件", "HQ-77", f.warehouse);
    REQUIRE(batch);
    inventory::ReturnLineRequest line;
    line.batch = batch->name();
    line.sku = screen;
    line.qty = 2;
    line.reason = inventory::ReturnReason::DeadOnArrival;
    line.from_bin = k_bin;
    line.person = f.warehouse;
    REQUIRE(inventory::add_return_line(f.inventory, line));

    auto suppliers = WebFixture::json_of(f.call("GET", "/api/v1/suppliers", f.warehouse));
    REQUIRE(suppliers["suppliers"].size() == 1);
    CHECK(suppliers["suppliers"][0]["parts"][0]["supplier_part_number"] == "HQ-LCD-X2");
    auto open =
        WebFixture::json_of(f.call("GET", "/api/v1/supplier-returns?state=open", f.warehouse));
    REQUIRE(open["returns"].size() == 1);
    CHECK(open["returns"][0]["lines"][0]["reason"] == "doa");
    CHECK(open["returns"][0]["held"] == 2);
    CHECK(f.call("GET", "/api/v1/supplier-returns?state=lost", f.warehouse).status == 400);
    CHECK(f.call("GET", "/api/v1/supplier-returns/SR-000009", f.warehouse).status == 404);
    CHECK(f.call("GET", "/api/v1/suppliers", f.technician).status == 403);

    const std::string ship = "/api/v1/supplier-returns/" + batch->name() + "/ship";
    auto shipped = f.call("POST", ship, f.warehouse, {{"carrier", "SF Express"}});
    INFO(shipped.body);
    REQUIRE(shipped.status == 200);
    auto body = WebFixture::json_of(shipped);
    CHECK(body["state"] == "shipped");
    CHECK(body["shipped"] == 2);
    CHECK(body["label_job"].get<std::int64_t>() > 0);
    CHECK(f.count("print_jobs") == 1);
    auto again = f.call("POST", ship, f.warehouse);
    CHECK(again.status == 409);
    CHECK_THAT(WebFixture::message_of(again), Catch::Contains("was shipped already"));
    CHECK(f.count("print_jobs") == 1);
    auto show = WebFixture::json_of(
        f.call("GET", "/api/v1/supplier-returns/" + batch->name(), f.warehouse));
    CHECK(show["lines"][0]["state"] == "shipped");
}
