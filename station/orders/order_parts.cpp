// The parts of a repair order: each step checks the order, changes the stock, links the rows
// to the order and journals it, in one transaction.
#include "station/orders/order_parts.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/store/transaction.h"
#include "inventory/catalog.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/rma/rma_store.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "parts";

// From diagnosis until the repair is done: before, nobody knows what the device needs; after,
// QA checks a finished repair.
bool takes_parts(OrderState state) {
    using enum OrderState;
    return state == Diagnosed || state == AwaitingApproval || state == Approved ||
           state == AwaitingParts || state == InRepair;
}

// A shortage stops a repair that could otherwise start; an order still waiting for the
// customer's approval keeps waiting for that first (its backorder is recorded all the same).
bool waits_for_parts_when_short(OrderState state) {
    using enum OrderState;
    return state == Diagnosed || state == Approved || state == InRepair;
}

Status check_takes_parts(const RepairOrder& order) {
    if (takes_parts(order.state)) return {};
    return fail(ErrorCode::Conflict,
                fmt::format("{} is {}: parts are reserved, picked and used between its diagnosis "
                            "and QA",
                            order.number, name_of(order.state)),
                k_where);
}

// A part whose catalog entry names the models it fits is refused for any other device; a
// part that names none (screws, adhesive) fits every device. The platform names the product
// with its variant ("Phone X2 128GB"): the device is the catalog's model that name begins with.
Status check_fits(StationStore& store, inventory::Inventory& inventory, const RepairOrder& order,
                  const std::string& sku) {
    auto part = inventory::find_part(inventory, sku);
    if (!part) return std::unexpected(part.error());
    if (part->compatible_models.empty()) return {};
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    std::string product = *rma ? (*rma)->product_model : std::string();
    auto model = inventory::catalog_model_of(inventory, product);
    if (!model) return std::unexpected(model.error());
    const auto& fits = part->compatible_models;
    if (*model && std::find(fits.begin(), fits.end(), **model) != fits.end()) return {};
    return fail(ErrorCode::Invalid,
                fmt::format("{} fits {}, not {}'s device ({}): reserve a part made for it (see "
                            "`station parts list`)",
                            sku, fmt::join(fits, ", "), order.number,
                            product.empty() ? "model unknown" : product),
                k_where);
}

Status link(StationStore& store, const std::string& sql, std::int64_t row_id,
            const RepairOrder& order) {
    auto insert = store.db().cached(sql);
    if (!insert) return std::unexpected(insert.error());
    return (*insert)->bind_all(row_id, order.id).run();
}

// The audit row and the outbox event of a parts step; the order's state does not change.
Status journal_step(StationStore& store, const RepairOrder& order, const std::string& operator_id,
                    const char* action, nlohmann::json detail) {
    Journal journal(store.db(), store.clock(), store.ids());
    if (auto audited = journal.audit(AuditEntry{operator_id, order.id, action, {}, {}, detail});
        !audited)
        return audited;
    detail["repair_order"] = order.number;
    detail["operator"] = operator_id;
    auto published =
        journal.publish(OutboxEvent{fmt::format("repair_order.{}", action), order.id, detail});
    if (!published) return std::unexpected(published.error());
    return {};
}

nlohmann::json line_json(const inventory::ReservationLine& line) {
    return {{"sku", line.sku},
            {"qty", line.qty},
            {"lot", line.lot},
            {"serial", line.serial},
            {"location", line.location}};
}

// The proven person with a role that handles parts, and the order, inside `work`'s transaction.
template <class Work>
auto in_order_transaction(StationStore& store, const std::string& order_number,
                          const std::string& operator_id, Work&& work)
    -> decltype(work(std::declval<RepairOrder&>())) {
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto person = require_operator(store, operator_id, k_people_roles, k_where);
    if (!person) return std::unexpected(person.error());
    auto order = require_order(store, order_number, k_where);
    if (!order) return std::unexpected(order.error());
    auto result = work(*order);
    if (!result) return result;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return result;
}

}  // namespace

Result<OrderReservation> reserve_order_parts(StationStore& store, const PartsRequest& request) {
    return in_order_transaction(
        store, request.order_number, request.operator_id,
        [&](RepairOrder& order) -> Result<OrderReservation> {
            if (auto open = check_takes_parts(order); !open) return std::unexpected(open.error());
            inventory::Inventory inventory(store.db(), store.clock());
            if (auto fits = check_fits(store, inventory, order, request.sku); !fits)
                return std::unexpected(fits.error());
            OrderReservation reservation;
            auto reserved = inventory::reserve(inventory, {order.number, request.sku, request.qty,
                                                           request.serial, request.operator_id});
            if (!reserved) return std::unexpected(reserved.error());
            reservation.stock = std::move(*reserved);
            nlohmann::json lines = nlohmann::json::array();
            for (const auto& line : reservation.stock.lines) {
                if (auto linked = link(store,
                                       "INSERT INTO repair_order_parts (reservation_id, "
                                       "repair_order_id) VALUES (?1, ?2)",
                                       line.id, order);
                    !linked)
                    return std::unexpected(linked.error());
                lines.push_back(line_json(line));
            }
            nlohmann::json detail = {{"sku", request.sku}, {"reserved", lines}};
            if (reservation.stock.backorder_id != 0) {
                if (auto linked = link(store,
                                       "INSERT INTO repair_order_backorders (backorder_id, "
                                       "repair_order_id) VALUES (?1, ?2)",
                                       reservation.stock.backorder_id, order);
                    !linked)
                    return std::unexpected(linked.error());
                detail["backordered"] = reservation.stock.backordered;
            }
            if (auto journaled =
                    journal_step(store, order, request.operator_id, "parts_reserved", detail);
                !journaled)
                return std::unexpected(journaled.error());
            if (reservation.stock.backordered > 0 && waits_for_parts_when_short(order.state)) {
                MoveRequest wait{order.number, OrderState::AwaitingParts, request.operator_id,
                                 fmt::format("short of {} x{}: backordered", request.sku,
                                             reservation.stock.backordered)};
                wait.event_detail = {
                    {"backorder", {{"sku", request.sku}, {"qty", reservation.stock.backordered}}}};
                wait.by_station = true;
                auto moved = move_order_in_transaction(store, wait);
                if (!moved) return std::unexpected(moved.error());
                reservation.moved_to = moved->state;
            }
            return reservation;
        });
}

Result<inventory::ReservationLine> pick_order_part(StationStore& store,
                                                   const std::string& order_number,
                                                   const std::string& bin_code,
                                                   const std::string& part_scan,
                                                   const std::string& operator_id) {
    return in_order_transaction(
        store, order_number, operator_id,
        [&](RepairOrder& order) -> Result<inventory::ReservationLine> {
            if (auto open = check_takes_parts(order); !open) return std::unexpected(open.error());
            inventory::Inventory inventory(store.db(), store.clock());
            auto line = inventory::pick(inventory, order.number, bin_code, part_scan, operator_id);
            if (!line) return line;
            if (auto journaled =
                    journal_step(store, order, operator_id, "part_picked", line_json(*line));
                !journaled)
                return std::unexpected(journaled.error());
            return line;
        });
}

Result<std::int64_t> consume_order_parts(StationStore& store, const std::string& order_number,
                                         const std::string& operator_id) {
    return in_order_transaction(
        store, order_number, operator_id, [&](RepairOrder& order) -> Result<std::int64_t> {
            if (order.state != OrderState::InRepair)
                return fail(ErrorCode::Conflict,
                            fmt::format("{} is {}: parts are used while it is in repair",
                                        order.number, name_of(order.state)),
                            k_where);
            inventory::Inventory inventory(store.db(), store.clock());
            auto units = inventory::consume(inventory, order.number, operator_id);
            if (!units) return units;
            auto used = parts_used(store, order);
            if (!used) return std::unexpected(used.error());
            if (auto journaled = journal_step(store, order, operator_id, "parts_used", *used);
                !journaled)
                return std::unexpected(journaled.error());
            return units;
        });
}

Result<std::int64_t> release_order_parts(StationStore& store, const std::string& order_number,
                                         const std::string& operator_id) {
    return in_order_transaction(
        store, order_number, operator_id, [&](RepairOrder& order) -> Result<std::int64_t> {
            auto units = release_parts_in_transaction(store, order, operator_id);
            if (!units) return units;
            if (auto journaled =
                    journal_step(store, order, operator_id, "parts_released", {{"units", *units}});
                !journaled)
                return std::unexpected(journaled.error());
            return units;
        });
}

Result<inventory::ReturnLine> return_order_part(StationStore& store,
                                                const inventory::ReturnLineRequest& request) {
    return in_order_transaction(
        store, request.from_order, request.person,
        [&](RepairOrder& order) -> Result<inventory::ReturnLine> {
            inventory::Inventory inventory(store.db(), store.clock());
            auto on_order = request;
            on_order.from_order = order.number;
            auto line = inventory::add_return_line(inventory, on_order);
            if (!line) return line;
            // Audit only: supplier returns are the center's business, not the platform's.
            Journal journal(store.db(), store.clock(), store.ids());
            if (auto audited = journal.audit(AuditEntry{request.person,
                                                        order.id,
                                                        "part_to_supplier_return",
                                                        {},
                                                        {},
                                                        {{"batch", request.batch},
                                                         {"sku", line->sku},
                                                         {"qty", line->qty},
                                                         {"serial", line->serial},
                                                         {"reason", name_of(line->reason)}}});
                !audited)
                return std::unexpected(audited.error());
            return line;
        });
}

bool move_releases_parts(OrderState to) {
    using enum OrderState;
    return to == Declined || to == Cancelled || to == Scrapped || to == ReturnedUnrepaired ||
           to == Restocked || to == Exchanged;
}

Result<std::int64_t> release_parts_in_transaction(StationStore& store, const RepairOrder& order,
                                                  const std::string& operator_id) {
    inventory::Inventory inventory(store.db(), store.clock());
    return inventory::release(inventory, order.number, operator_id);
}

Status check_parts_settled(StationStore& store, const RepairOrder& order) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto open = inventory::open_reservations(inventory, order.number);
    if (!open) return std::unexpected(open.error());
    auto backorders = inventory::open_backorders(inventory);
    if (!backorders) return std::unexpected(backorders.error());
    std::vector<std::string> left;
    for (const auto& line : *open)
        left.push_back(fmt::format("{} x{} in {}", line.sku, line.qty, line.location));
    for (const auto& backorder : *backorders)
        if (backorder.order_ref == order.number)
            left.push_back(fmt::format("{} x{} backordered", backorder.sku, backorder.qty));
    if (left.empty()) return {};
    return fail(ErrorCode::Conflict,
                fmt::format("{} still holds or waits for parts it has not used ({}): use them "
                            "(`station stock consume {}`) or put them back and cancel what is "
                            "backordered (`station stock release {}`) before QA",
                            order.number, fmt::join(left, ", "), order.number, order.number),
                k_where);
}

Result<nlohmann::json> parts_used(StationStore& store, const RepairOrder& order) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto used = inventory::parts_consumed(inventory, order.number);
    if (!used) return std::unexpected(used.error());
    nlohmann::json parts = nlohmann::json::array();
    std::int64_t total = 0;
    for (const auto& part : *used) {
        parts.push_back({{"sku", part.sku},
                         {"lot", part.lot},
                         {"serial", part.serial},
                         {"qty", part.qty},
                         {"unit_cost", part.unit_cost}});
        total += part.qty * part.unit_cost;
    }
    return nlohmann::json{{"parts", parts}, {"parts_cost", total}};
}

}  // namespace rs::station
