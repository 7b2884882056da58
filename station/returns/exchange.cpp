// Exchanges: the replacement leaves stock, the record and the move in one transaction.
#include "station/returns/exchange.h"

#include <fmt/format.h>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "inventory/supplier_returns.h"
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

// The customer's unit goes back to the maker in an open supplier-return batch: a core return
// (the defective unit, for the supplier's credit) of the whole unit the order consumed, carrying
// the customer's serial. It joins the exchange's transaction.
Status send_returned_unit(inventory::Inventory& inventory, const ExchangeRequest& request,
                          const RepairOrder& order, const Exchange& exchange) {
    if (order.device_identity.empty())
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: the customer's unit has no serial or IMEI on record, so the "
                                "supplier could not credit it; scan it at the bench first",
                                order.number),
                    k_where);
    inventory::ReturnLineRequest line;
    line.batch = request.supplier_return;
    line.sku = exchange.replacement_sku;
    line.serial = order.device_identity;
    line.reason = inventory::ReturnReason::CoreReturn;
    line.from_order = order.number;
    line.person = request.operator_id;
    auto added = inventory::add_return_line(inventory, line);
    if (!added) return std::unexpected(added.error());
    return {};
}

Status check_fate(const ExchangeRequest& request) {
    bool to_supplier = request.returned_unit == ReturnedUnitFate::SupplierReturn;
    if (to_supplier && request.supplier_return.empty())
        return fail(ErrorCode::Invalid,
                    "the returned unit goes back to its supplier: name the open batch it joins "
                    "(SR-...; `station supplier-returns open SUPPLIER` opens one)",
                    k_where);
    if (!to_supplier && !request.supplier_return.empty())
        return fail(ErrorCode::Invalid,
                    fmt::format("a supplier-return batch is only for a returned unit that goes "
                                "to its supplier, not to {}",
                                name_of(request.returned_unit)),
                    k_where);
    return {};
}

}  // namespace

Result<Exchange> exchange_order(StationStore& store, const ExchangeRequest& request) {
    if (auto fate = check_fate(request); !fate) return std::unexpected(fate.error());
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
    if (!request.supplier_return.empty()) {
        if (auto sent = send_returned_unit(inventory, request, *order, exchange); !sent)
            return std::unexpected(sent.error());
        exchange.supplier_return = request.supplier_return;
    }
    MoveRequest move{order->number, OrderState::Exchanged, request.operator_id, request.note};
    move.event_detail = {{"replacement_product", exchange.product},
                         {"replacement_sku", exchange.replacement_sku},
                         {"replacement_serial", exchange.replacement_serial},
                         {"replacement_cost", exchange.unit_cost},
                         {"returned_unit", name_of(exchange.returned_unit)}};
    if (!exchange.supplier_return.empty())
        move.event_detail["supplier_return"] = exchange.supplier_return;
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
