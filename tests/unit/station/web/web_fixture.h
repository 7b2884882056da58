// A store with a bin, and a web context on its own connection to the same file, as `station run`
// has, for the tests of the web routes: routes are called as the server calls them.
#pragma once

#include <catch2/catch.hpp>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/workflow.h"
#include "station/web/web_api.h"
#include "tests/support/station_fixture.h"

namespace rs::test {

inline const std::string k_bin = labels::make_own_id(labels::CodeKind::Bin, "U-01");

// Requests are made by `person`.
struct WebFixture : test::StationFixture {
    inventory::Inventory inventory{store->db(), store->clock()};
    std::unique_ptr<station::WebContext> web;

    explicit WebFixture(const std::string& config_text = "") {
        auto config = station::parse_config(config_text, "test.toml");
        REQUIRE(config);
        web = std::make_unique<station::WebContext>(*config, station::WebConfig{});
        auto opened = station::StationStore::open(dir.store("station.db"), clock);
        REQUIRE(opened);
        web->store = std::move(*opened);
        REQUIRE(inventory::add_location(inventory,
                                        {0, k_bin, inventory::LocationKind::Bin, "", "units"}));
    }

    station::ApiReply call(const std::string& method, const std::string& path,
                           const std::string& person, const nlohmann::json& body = nullptr) {
        station::ApiRequest request;
        request.method = method;
        request.path = path.substr(0, path.find('?'));
        // The query's name=value pairs (tests write them undecoded).
        for (auto mark = path.find('?'); mark != std::string::npos;) {
            auto next = path.find('&', mark + 1);
            std::string pair =
                path.substr(mark + 1, next == std::string::npos ? next : next - mark - 1);
            request.query[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
            mark = next;
        }
        bool known = false;
        const station::Route* route =
            station::match_route(method, request.path, request.params, known);
        REQUIRE(route);
        auto found = station::find_operator(*store, person);
        REQUIRE(found);
        REQUIRE(*found);
        // The route's roles, as the server checks them before the handler.
        if (!route->roles.empty() && std::find(route->roles.begin(), route->roles.end(),
                                               (*found)->role) == route->roles.end())
            return station::error_reply(403, "forbidden", "not for this role");
        request.session = station::WebSession{"token", **found, false, 0, 0};
        request.body = body;
        return route->handler(*web, request);
    }

    static nlohmann::json json_of(const station::ApiReply& reply) {
        return nlohmann::json::parse(reply.body);
    }
    static std::string message_of(const station::ApiReply& reply) {
        return json_of(reply)["error"]["message"].get<std::string>();
    }

    // `qty` units of `sku` (a serial's one) delivered by the supplier into the fixture's bin.
    void deliver(const std::string& sku, std::int64_t qty, std::int64_t unit_cost,
                 const std::string& serial = "") {
        inventory::MoveRequest move;
        move.part_id = inventory::find_part(inventory, sku)->id;
        move.from_id = inventory::find_location(inventory, inventory::k_supplier)->id;
        move.to_id = inventory::find_location(inventory, k_bin)->id;
        move.qty = qty;
        move.serial = serial;
        move.unit_cost = unit_cost;
        REQUIRE(inventory::move_stock(inventory, move));
    }

    // A part that fits every device, made from the SKU's `body`, with `qty` units in the bin.
    std::string stock_part(const std::string& body, std::int64_t qty, std::int64_t cost) {
        inventory::Part part;
        part.sku = labels::make_own_id(labels::CodeKind::PartSku, body);
        part.standard_cost = cost;
        REQUIRE(inventory::add_part(inventory, part));
        deliver(part.sku, qty, cost);
        return part.sku;
    }

    // A serial-tracked whole unit of `product` on the shelf.
    void shelve_unit(const std::string& body, const std::string& product,
                     const std::string& serial) {
        inventory::Part part;
        part.sku = labels::make_own_id(labels::CodeKind::PartSku, body);
        part.tracking = inventory::Tracking::Serial;
        part.standard_cost = 150000;
        REQUIRE(inventory::add_part(inventory, part));
        REQUIRE(inventory::set_unit_product(inventory, part.sku, product));
        deliver(part.sku, 1, 160000, serial);
    }

    station::OrderState state_of(const std::string& number) {
        return station::find_order_by_number(*store, number).value()->state;
    }
};

}  // namespace rs::test
