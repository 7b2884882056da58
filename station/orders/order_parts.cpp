// The parts of a repair order: each step checks the order, changes the stock, links the rows
// to the order and journals it, in one transaction.
#include "station/orders/order_parts.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/store/transaction.h"
#include "inventory/catalog.h"
#include "station/orders/quotes.h"
#include "station/orders/workflow.h"
#include "station/people/operators.h"
#include "station/rma/rma_store.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "parts";

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

// The catalog's model of the order's device (the platform names the product with its variant,
// "Phone X2 128GB": the device is the catalog's model that name begins with), and that name.
struct Device {
    std::optional<std::string> model;
    std::string product;
};

Result<Device> device_of(StationStore& store, inventory::Inventory& inventory,
                         const RepairOrder& order) {
    auto rma = find_rma(store, order.rma_id);
    if (!rma) return std::unexpected(rma.error());
    Device device;
    device.product = *rma ? (*rma)->product_model : std::string();
    auto model = inventory::catalog_model_of(inventory, device.product);
    if (!model) return std::unexpected(model.error());
    device.model = *model;
    return device;
}

bool fits(const inventory::Part& part, const Device& device) {
    const auto& models = part.compatible_models;
    return models.empty() ||
           (device.model && std::find(models.begin(), models.end(), *device.model) != models.end());
}

// A part whose catalog entry names the models it fits is refused for any other device; a
// part that names none (screws, adhesive) fits every device.
Status check_fits(const inventory::Part& part, const Device& device, const RepairOrder& order) {
    if (fits(part, device)) return {};
    return fail(ErrorCode::Invalid,
                fmt::format("{} fits {}, not {}'s device ({}): reserve a part made for it (see "
                            "`station parts list`)",
                            part.sku, fmt::join(part.compatible_models, ", "), order.number,
                            device.product.empty() ? "model unknown" : device.product),
                k_where);
}

// Original or substitute, and what a substitute stands in for. A part is a substitute on this
// order when its quote's line says so, or when the catalog lists it as replacing a part that
// fits the device (inv_part_substitutes); otherwise it is the original part.
struct PartRole {
    bool substitute = false;
    std::string replaces;  // the original part's SKU, when the catalog names it
};

Result<PartRole> role_of(inventory::Inventory& inventory, const inventory::Part& part,
                         const Device& device, const std::optional<Quote>& quote) {
    PartRole role;
    const QuoteLine* line = quote ? quote->part_line(part.sku) : nullptr;
    role.substitute = line && line->substitute;
    auto originals = inventory::originals_of(inventory, part.sku);
    if (!originals) return std::unexpected(originals.error());
    for (const auto& original : *originals) {
        if (!fits(original, device)) continue;
        role.substitute = true;
        role.replaces = original.sku;
        break;
    }
    return role;
}

// A substitute needs the customer's consent: the order's quote has the part as a substitute
// line, and the customer accepted that quote consenting to its substitutes.
Status check_consent(const RepairOrder& order, const std::string& sku, const PartRole& role,
                     const std::optional<Quote>& quote) {
    if (!role.substitute) return {};
    const QuoteLine* line = quote ? quote->part_line(sku) : nullptr;
    bool quoted = line && line->substitute;
    if (quoted && quote->accepted_ms && quote->substitutes_consented) return {};
    std::string missing;
    if (!quote)
        missing = fmt::format("{} has no quote", order.number);
    else if (!quoted)
        missing = fmt::format("its quote has no substitute line for {}", sku);
    else if (!quote->accepted_ms)
        missing = "its quote is not accepted yet";
    else
        missing = "the customer accepted its quote without consenting to substitute parts";
    return fail(
        ErrorCode::Conflict,
        fmt::format("{} is a substitute{}, not the original part, and the customer has "
                    "not consented to it: {}. Quote it (`station orders quote {} "
                    "--substitute {}`) and record the customer's consent (`station "
                    "orders accept-quote {} --consent-substitutes`){}",
                    sku, role.replaces.empty() ? "" : " for " + role.replaces, missing,
                    order.number, sku, order.number,
                    role.replaces.empty() ? "" : ", or reserve the original " + role.replaces),
        k_where);
}

Status link(StationStore& store, const std::string& sql, std::int64_t row_id,
            const RepairOrder& order, bool substitute) {
    auto insert = store.db().cached(sql);
    if (!insert) return std::unexpected(insert.error());
    return (*insert)->bind_all(row_id, order.id, substitute).run();
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
            auto part = inventory::find_part(inventory, request.sku);
            if (!part) return std::unexpected(part.error());
            auto device = device_of(store, inventory, order);
            if (!device) return std::unexpected(device.error());
            if (auto fit = check_fits(*part, *device, order); !fit)
                return std::unexpected(fit.error());
            auto quote = latest_quote(store, order.id);
            if (!quote) return std::unexpected(quote.error());
            auto role = role_of(inventory, *part, *device, *quote);
            if (!role) return std::unexpected(role.error());
            if (auto consent = check_consent(order, part->sku, *role, *quote); !consent)
                return std::unexpected(consent.error());
            OrderReservation reservation;
            reservation.substitute = role->substitute;
            auto reserved = inventory::reserve(inventory, {order.number, request.sku, request.qty,
                                                           request.serial, request.operator_id});
            if (!reserved) return std::unexpected(reserved.error());
            reservation.stock = std::move(*reserved);
            nlohmann::json lines = nlohmann::json::array();
            for (const auto& line : reservation.stock.lines) {
                if (auto linked = link(store,
                                       "INSERT INTO repair_order_parts (reservation_id, "
                                       "repair_order_id, substitute) VALUES (?1, ?2, ?3)",
                                       line.id, order, role->substitute);
                    !linked)
                    return std::unexpected(linked.error());
                lines.push_back(line_json(line));
            }
            nlohmann::json detail = {
                {"sku", request.sku}, {"reserved", lines}, {"substitute", role->substitute}};
            if (reservation.stock.backorder_id != 0) {
                if (auto linked = link(store,
                                       "INSERT INTO repair_order_backorders (backorder_id, "
                                       "repair_order_id, substitute) VALUES (?1, ?2, ?3)",
                                       reservation.stock.backorder_id, order, role->substitute);
                    !linked)
                    return std::unexpected(linked.error());
                detail["backordered"] = reservation.stock.backordered;
            }
            if (auto journaled =
                    journal_parts_step(store, order, request.operator_id, "parts_reserved", detail);
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
                    journal_parts_step(store, order, operator_id, "part_picked", line_json(*line));
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
            if (auto journaled = journal_parts_step(store, order, operator_id, "parts_used", *used);
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
            if (auto journaled = journal_parts_step(store, order, operator_id, "parts_released",
                                                    {{"units", *units}});
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

// The audit row and the outbox event of a parts step; the order's state does not change.
Status journal_parts_step(StationStore& store, const RepairOrder& order,
                          const std::string& operator_id, const char* action,
                          nlohmann::json detail) {
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

bool takes_parts(OrderState state) {
    using enum OrderState;
    return state == Diagnosed || state == AwaitingApproval || state == Approved ||
           state == AwaitingParts || state == InRepair;
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
