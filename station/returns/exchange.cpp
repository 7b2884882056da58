// Exchanges: the replacement leaves stock, the record and the move in one transaction.
#include "station/returns/exchange.h"

#include <fmt/format.h>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "inventory/units.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "exchange";

Status record_exchange(StationStore& store, const std::string& order_id, const Exchange& exchange,
                       const std::string& operator_id) {
    auto insert = store.db().cached(
        "INSERT INTO exchanges (repair_order_id, product, replacement_sku, replacement_serial, "
        "unit_cost, returned_unit, operator_id, exchanged_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert) return std::unexpected(insert.error());
    return (*insert)
        ->bind_all(order_id, exchange.product, exchange.replacement_sku,
                   exchange.replacement_serial, exchange.unit_cost,
                   std::string(name_of(exchange.returned_unit)), operator_id, exchange.exchanged_ms)
        .run();
}

}  // namespace

Result<Exchange> exchange_order(StationStore& store, const ExchangeRequest& request) {
    auto order = require_order(store, request.order_number, k_where);
    if (!order) return std::unexpected(order.error());
    if (order->state != OrderState::Diagnosed)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: a unit is exchanged once diagnosed, on the exchange "
                                "route",
                                order->number, name_of(order->state)),
                    k_where);
    auto rma = require_rma_of(store, order->rma_id, order->number, k_where);
    if (!rma) return std::unexpected(rma.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    inventory::Inventory inventory(store.db(), store.clock());
    auto issued = inventory::issue_unit(inventory, {request.replacement_serial, rma->product_model,
                                                    order->number, request.operator_id});
    if (!issued) return std::unexpected(issued.error());
    Exchange exchange{order->number,     rma->product_model,    issued->part.sku, issued->serial,
                      issued->unit_cost, request.returned_unit, store.now_ms()};
    if (auto recorded = record_exchange(store, order->id, exchange, request.operator_id); !recorded)
        return std::unexpected(recorded.error());
    MoveRequest move{order->number, OrderState::Exchanged, request.operator_id, request.note};
    move.event_detail = {{"replacement_product", exchange.product},
                         {"replacement_sku", exchange.replacement_sku},
                         {"replacement_serial", exchange.replacement_serial},
                         {"replacement_cost", exchange.unit_cost},
                         {"returned_unit", name_of(exchange.returned_unit)}};
    if (auto moved = move_order_in_transaction(store, move); !moved)
        return std::unexpected(moved.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return exchange;
}

Result<std::optional<Exchange>> find_exchange(StationStore& store, const std::string& order_id) {
    auto query = store.db().prepare(
        "SELECT o.number, e.product, e.replacement_sku, e.replacement_serial, e.unit_cost, "
        "e.returned_unit, e.exchanged_ms FROM exchanges e JOIN repair_orders o ON "
        "o.id = e.repair_order_id WHERE e.repair_order_id = ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, order_id);
    std::optional<Exchange> found;
    auto read = query->each_row([&](store::RowReader row) {
        Exchange exchange;
        std::string fate;
        row.read(exchange.order_number, exchange.product, exchange.replacement_sku,
                 exchange.replacement_serial, exchange.unit_cost, fate, exchange.exchanged_ms);
        exchange.returned_unit =
            parse_enum<ReturnedUnitFate>(fate).value_or(ReturnedUnitFate::Refurbishment);
        found = exchange;
    });
    if (!read) return std::unexpected(read.error());
    return found;
}

}  // namespace rs::station
