// Filling backorders from a receipt: which order gets the part first, and what follows for it.
#include "station/orders/backorder_fill.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "common/store/transaction.h"
#include "inventory/reservations.h"
#include "station/orders/order_parts.h"
#include "station/orders/policy_store.h"
#include "station/orders/quotes.h"
#include "station/orders/route_decisions.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "receiving";

// An open backorder of the part with the repair order it belongs to.
struct Waiting {
    std::int64_t backorder_id = 0;
    std::int64_t created_ms = 0;
    bool substitute = false;
    RepairOrder order;
    std::optional<Day> deadline;
};

// The day the order's repair must be complete: the category's complete_working_days (rule D2)
// after the customer accepted its quote, or after its route was decided when it needs no quote.
Result<std::optional<Day>> completion_deadline(StationStore& store, const Policy& policy,
                                               const RepairOrder& order) {
    auto route = route_in_force(store, order.id);
    if (!route) return std::unexpected(route.error());
    auto quote = latest_quote(store, order.id);
    if (!quote) return std::unexpected(quote.error());
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    std::int64_t from_ms = order.created_ms;
    if (*quote && (*quote)->accepted_ms)
        from_ms = *(*quote)->accepted_ms;
    else if (*route)
        from_ms = (*route)->decided_ms;
    auto category = order_category(store, order, policy);
    if (!category) return std::unexpected(category.error());
    RuleSet rules = policy.rules_for(*category, *rma ? (*rma)->platform : std::string());
    return std::optional<Day>{policy.calendar.add_working_days(policy.calendar.local_day(from_ms),
                                                               rules.complete_working_days)};
}

// The open backorders of `sku` that belong to an order still taking parts, first to fill first.
Result<std::vector<Waiting>> waiting_for(StationStore& store, inventory::Inventory& inventory,
                                         const std::string& sku) {
    auto open = inventory::open_backorders(inventory);  // oldest first
    if (!open) return std::unexpected(open.error());
    std::vector<std::pair<Waiting, std::string>> rows;
    for (const auto& backorder : *open) {
        if (backorder.sku != sku) continue;
        auto query = store.db().cached(
            "SELECT l.substitute, o.number FROM repair_order_backorders l JOIN repair_orders o "
            "ON o.id = l.repair_order_id WHERE l.backorder_id = ?1");
        if (!query) return std::unexpected(query.error());
        (*query)->bind(1, backorder.id);
        auto row = (*query)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) continue;  // not a repair order's (none is made any other way)
        Waiting waiting;
        waiting.backorder_id = backorder.id;
        waiting.created_ms = backorder.created_ms;
        std::string number;
        store::RowReader(**query).read(waiting.substitute, number);
        (*query)->reset();
        rows.emplace_back(std::move(waiting), std::move(number));
    }
    auto policy = policy_in_force(store);
    if (!policy) return std::unexpected(policy.error());
    std::vector<Waiting> out;
    for (auto& [waiting, number] : rows) {
        auto order = require_order(store, number, k_where);
        if (!order) return std::unexpected(order.error());
        if (!takes_parts(order->state)) continue;
        waiting.order = std::move(*order);
        if (*policy) {
            auto deadline = completion_deadline(store, **policy, waiting.order);
            if (!deadline) return std::unexpected(deadline.error());
            waiting.deadline = *deadline;
        }
        out.push_back(std::move(waiting));
    }
    // Earliest deadline first; without a policy every deadline is unknown and the oldest
    // backorder goes first (the rows came oldest first, and the sort keeps that order).
    std::stable_sort(out.begin(), out.end(), [](const Waiting& a, const Waiting& b) {
        return std::make_tuple(!a.deadline.has_value(), a.deadline.value_or(0)) <
               std::make_tuple(!b.deadline.has_value(), b.deadline.value_or(0));
    });
    return out;
}

// The order has nothing left on backorder: it leaves awaiting_parts for the repair it waited
// for, moved by the station because `operator_id` received its part.
Result<std::optional<OrderState>> move_on(StationStore& store, const RepairOrder& order,
                                          const std::string& operator_id,
                                          const nlohmann::json& arrived) {
    auto current = require_order(store, order.number, k_where);
    if (!current) return std::unexpected(current.error());
    if (current->state != OrderState::AwaitingParts) return std::optional<OrderState>{};
    inventory::Inventory inventory(store.db(), store.clock());
    auto open = inventory::open_backorders(inventory);
    if (!open) return std::unexpected(open.error());
    for (const auto& backorder : *open)
        if (backorder.order_ref == order.number) return std::optional<OrderState>{};
    MoveRequest move{order.number, OrderState::InRepair, operator_id,
                     "its backordered parts arrived: the repair goes on"};
    move.by_station = true;
    move.event_detail = {{"parts_arrived", arrived}, {"owner", order.owner_id}};
    auto moved = move_order_in_transaction(store, move);
    if (!moved) return std::unexpected(moved.error());
    return std::optional<OrderState>{moved->state};
}

}  // namespace

Result<std::vector<FilledBackorder>> fill_backorders_in_transaction(
    StationStore& store, const std::string& sku, const std::string& operator_id) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto waiting = waiting_for(store, inventory, sku);
    if (!waiting) return std::unexpected(waiting.error());
    std::vector<FilledBackorder> filled;
    std::map<std::string, nlohmann::json> arrived;  // order number -> parts reserved for it
    for (const auto& next : *waiting) {
        auto fill = inventory::fill_backorder(inventory, next.backorder_id, operator_id);
        if (!fill) return std::unexpected(fill.error());
        if (fill->filled == 0) break;  // nothing free is left of the part
        nlohmann::json lines = nlohmann::json::array();
        for (const auto& line : fill->lines) {
            auto link = store.db().cached(
                "INSERT INTO repair_order_parts (reservation_id, repair_order_id, substitute) "
                "VALUES (?1, ?2, ?3)");
            if (!link) return std::unexpected(link.error());
            if (auto linked = (*link)->bind_all(line.id, next.order.id, next.substitute).run();
                !linked)
                return std::unexpected(linked.error());
            lines.push_back({{"sku", line.sku},
                             {"qty", line.qty},
                             {"lot", line.lot},
                             {"serial", line.serial},
                             {"location", line.location}});
        }
        // The order's audit row (which the web UI's event stream shows to its owner) and the
        // platform's event.
        nlohmann::json detail = {{"sku", sku},
                                 {"qty", fill->filled},
                                 {"still_short", fill->still_short},
                                 {"reserved", lines},
                                 {"substitute", next.substitute},
                                 {"owner", next.order.owner_id}};
        if (next.deadline) detail["deadline"] = day_text(*next.deadline);
        if (auto journaled =
                journal_parts_step(store, next.order, operator_id, "backorder_filled", detail);
            !journaled)
            return std::unexpected(journaled.error());
        arrived[next.order.number].push_back({{"sku", sku}, {"qty", fill->filled}});
        filled.push_back({next.order.number, next.order.owner_id, sku, fill->filled,
                          fill->still_short, next.deadline, std::nullopt});
    }
    // Each order once, after all of its fills: the last of its shortages moves it on.
    for (auto& done : filled) {
        if (done.still_short > 0) continue;
        auto it = std::find_if(waiting->begin(), waiting->end(), [&](const Waiting& w) {
            return w.order.number == done.order_number;
        });
        auto moved = move_on(store, it->order, operator_id, arrived[done.order_number]);
        if (!moved) return std::unexpected(moved.error());
        done.moved_to = *moved;
    }
    return filled;
}

Result<StockReceipt> receive_stock(StationStore& store, const inventory::ReceiveRequest& request) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto person = require_operator(store, request.person, k_people_roles, k_where);
    if (!person) return std::unexpected(person.error());
    inventory::Inventory inventory(store.db(), store.clock());
    auto received = inventory::receive(inventory, request);
    if (!received) return std::unexpected(received.error());
    StockReceipt receipt{*received, {}};
    auto filled = fill_backorders_in_transaction(store, received->sku, request.person);
    if (!filled) return std::unexpected(filled.error());
    receipt.filled = std::move(*filled);
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return receipt;
}

}  // namespace rs::station
