// Shipment: everything `station ship` changes, in one transaction with the move to shipped.
#include "station/shipping/shipment.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "labels/print/zpl_writer.h"
#include "station/orders/diagnosis.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/returns/exchange.h"
#include "station/rma/rma_store.h"
#include "station/shipping/parcel_labels.h"
#include "station/shipping/waybill_pool.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "shipping";
// Heavier than this is not a parcel a bench hands to a courier: a typo (grams for kilograms).
constexpr std::int64_t k_max_weight_g = 70'000;

struct OrderFacts {
    RepairOrder order;
    Rma rma;
    std::string route;  // "" when none is in force
    RuleSet rules;
};

Result<OrderFacts> read_order(StationStore& store, const Policy& policy,
                              const std::string& number) {
    auto found = require_order(store, number, k_where);
    if (!found) return std::unexpected(found.error());
    OrderFacts facts{*found, {}, {}, {}};
    if (facts.order.state != OrderState::ReadyToShip)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: only an order ready to ship is shipped",
                                facts.order.number, name_of(facts.order.state)),
                    k_where);
    auto rma = require_rma_of(store, facts.order.rma_id, facts.order.number, k_where);
    if (!rma) return std::unexpected(rma.error());
    facts.rma = *rma;
    auto route = route_in_force(store, facts.order.id);
    if (!route) return std::unexpected(route.error());
    std::string category;
    if (*route) {
        facts.route = std::string(name_of((*route)->route));
        category = (*route)->category;
    }
    if (category.empty())
        if (const auto* found_category =
                policy.category_for(facts.rma.category, facts.rma.product_sku))
            category = found_category->name;
    facts.rules = policy.rules_for(category, facts.rma.platform);
    return facts;
}

// The device (or the replacement unit of an exchange), then each accessory of its category that
// came in with it: what came in goes back out.
Result<nlohmann::json> parcel_contents(StationStore& store, const OrderFacts& facts) {
    std::string identity = facts.order.device_identity;
    nlohmann::json contents = nlohmann::json::array();
    auto exchange = find_exchange(store, facts.order.id);
    if (!exchange) return std::unexpected(exchange.error());
    if (*exchange)
        contents.push_back({{"item", "replacement unit"},
                            {"detail", fmt::format("{} (serial {})", (*exchange)->product,
                                                   (*exchange)->replacement_serial)}});
    else
        contents.push_back(
            {{"item", "device"},
             {"detail", identity.empty()
                            ? facts.rma.product_model
                            : fmt::format("{} ({})", facts.rma.product_model, identity)}});
    auto diagnosis = latest_diagnosis(store, facts.order.id);
    if (!diagnosis) return std::unexpected(diagnosis.error());
    std::vector<std::string> missing;
    if (*diagnosis) missing = (*diagnosis)->missing_accessories;
    for (const auto& accessory : facts.rules.accessories)
        if (std::find(missing.begin(), missing.end(), accessory) == missing.end())
            contents.push_back({{"item", accessory}, {"detail", ""}});
    return contents;
}

Result<NewPrintJob> label_job(const char* template_name, const nlohmann::json& data,
                              const ShipRequest& request) {
    auto label = labels::build_label(template_name, data, request.labels);
    if (!label) return std::unexpected(label.error());
    return NewPrintJob{request.printer,     template_name, data, labels::to_zpl(*label), 1,
                       request.operator_id, std::nullopt};
}

Result<std::int64_t> job_number(StationStore& store, const std::string& order_id,
                                const char* template_name) {
    auto number = store.db().query_one<std::int64_t>(
        "SELECT max(number) FROM print_jobs WHERE repair_order_id = ?1 AND template = ?2", order_id,
        template_name);
    if (!number) return std::unexpected(number.error());
    return number->value_or(0);
}

Status record_shipment(StationStore& store, const RepairOrder& order, const Shipment& shipment,
                       const std::string& operator_id) {
    auto insert = store.db().cached(
        "INSERT INTO shipments (repair_order_id, tracking_number, carrier, service, "
        "freight_payer, weight_g, contents, operator_id, shipped_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!insert) return std::unexpected(insert.error());
    return (*insert)
        ->bind_all(order.id, shipment.tracking_number, shipment.carrier, shipment.service,
                   shipment.freight, shipment.weight_g, shipment.contents.dump(), operator_id,
                   shipment.shipped_ms)
        .run();
}

struct Planned {
    OrderFacts facts;
    Shipment shipment;  // all but the number and the print jobs
};

// What shipping `request` means, before any number is taken: the order ready to ship, the
// carrier of its route, the parcel's weight and contents. Refuses what could never ship.
Result<Planned> plan(StationStore& store, const Policy& policy, const ShipRequest& request) {
    if (request.weight_g <= 0 || request.weight_g > k_max_weight_g)
        return fail(ErrorCode::Invalid,
                    fmt::format("a parcel weighs more than 0 g and at most {} kg; {} g was given",
                                k_max_weight_g / 1000, request.weight_g),
                    k_where);
    if (request.printer.empty())
        return fail(ErrorCode::Invalid,
                    "no label printer to print the return label on: add a [[printers.device]]",
                    k_where);
    auto facts = read_order(store, policy, request.order_number);
    if (!facts) return std::unexpected(facts.error());
    const ShippingChoice& choice = policy.shipping.for_route(facts->route);
    Shipment shipment;
    shipment.order_number = facts->order.number;
    shipment.rma_number = facts->rma.number;
    shipment.carrier = choice.carrier;
    shipment.service = choice.service;
    shipment.freight = choice.freight;
    shipment.weight_g = request.weight_g;
    shipment.shipped_ms = store.now_ms();
    auto contents = parcel_contents(store, *facts);
    if (!contents) return std::unexpected(contents.error());
    shipment.contents = std::move(*contents);
    return Planned{std::move(*facts), std::move(shipment)};
}

Parcel parcel_of(const Shipment& shipment) {
    return {shipment.carrier,  shipment.service,    shipment.tracking_number,
            shipment.weight_g, shipment.shipped_ms, shipment.contents};
}

}  // namespace

Result<Shipment> ship_order(StationStore& store, const Policy& policy, const ShipRequest& request) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto planned = plan(store, policy, request);
    if (!planned) return std::unexpected(planned.error());
    auto& [facts, shipment] = *planned;
    auto number = take_waybill_in_transaction(store, shipment.carrier);
    if (!number) return std::unexpected(number.error());
    shipment.tracking_number = *number;

    Parcel parcel = parcel_of(shipment);
    auto label =
        label_job("return-label", return_label_data(facts.order, facts.rma, parcel), request);
    if (!label) return std::unexpected(label.error());
    auto slip =
        label_job("packing-slip", packing_slip_data(facts.order, facts.rma, parcel), request);
    if (!slip) return std::unexpected(slip.error());

    MoveRequest move{shipment.order_number, OrderState::Shipped, request.operator_id, ""};
    move.print_jobs = {std::move(*label), std::move(*slip)};
    move.event_detail = {{"carrier", shipment.carrier},
                         {"service", shipment.service},
                         {"tracking_number", shipment.tracking_number},
                         {"freight_payer", name_of(shipment.freight)},
                         {"weight_g", shipment.weight_g},
                         {"contents", shipment.contents}};
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    if (auto recorded = record_shipment(store, facts.order, shipment, request.operator_id);
        !recorded)
        return std::unexpected(recorded.error());
    auto label_number = job_number(store, facts.order.id, "return-label");
    auto slip_number = job_number(store, facts.order.id, "packing-slip");
    if (!label_number) return std::unexpected(label_number.error());
    if (!slip_number) return std::unexpected(slip_number.error());
    shipment.label_job = *label_number;
    shipment.slip_job = *slip_number;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return shipment;
}

Result<ShipPreview> preview_shipment(StationStore& store, const Policy& policy,
                                     const ShipRequest& request) {
    auto planned = plan(store, policy, request);
    if (!planned) return std::unexpected(planned.error());
    auto& [facts, shipment] = *planned;
    auto next = next_waybill(store, shipment.carrier);
    if (!next) return std::unexpected(next.error());
    shipment.tracking_number = *next;
    auto label = labels::build_label("return-label",
                                     return_label_data(facts.order, facts.rma, parcel_of(shipment)),
                                     request.labels);
    if (!label) return std::unexpected(label.error());
    return ShipPreview{std::move(*label), std::move(shipment)};
}

Result<std::optional<Shipment>> find_shipment(StationStore& store, const std::string& order_id) {
    auto query = store.db().cached(
        "SELECT o.number, r.number, s.carrier, s.service, s.tracking_number, "
        "s.freight_payer, s.weight_g, s.contents, s.shipped_ms FROM shipments s "
        "JOIN repair_orders o ON o.id = s.repair_order_id JOIN rmas r ON r.id = o.rma_id "
        "WHERE s.repair_order_id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(order_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Shipment>{};
    Shipment shipment;
    std::string contents;
    store::RowReader(**query).read(shipment.order_number, shipment.rma_number, shipment.carrier,
                                   shipment.service, shipment.tracking_number, shipment.freight,
                                   shipment.weight_g, contents, shipment.shipped_ms);
    shipment.contents = nlohmann::json::parse(contents, nullptr, false);
    return std::optional<Shipment>{std::move(shipment)};
}

}  // namespace rs::station
