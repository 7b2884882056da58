// Resale inspections: the record, the unit put away and the move, in one transaction.
#include "station/returns/resale_inspection.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "inventory/units.h"
#include "station/orders/diagnosis.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_store.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "returns";

Status record_inspection(StationStore& store, const std::string& order_id,
                         const ResaleInspection& inspection, const std::string& operator_id) {
    auto insert = store.db().cached(
        "INSERT INTO resale_inspections (repair_order_id, grade, missing_accessories, activated, "
        "outcome, serial, sku, bin, operator_id, inspected_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!insert) return std::unexpected(insert.error());
    return (*insert)
        ->bind_all(order_id, std::string(name_of(inspection.grade)),
                   nlohmann::json(inspection.missing_accessories).dump(),
                   static_cast<std::int64_t>(inspection.activated),
                   std::string(name_of(inspection.outcome)), inspection.serial, inspection.sku,
                   inspection.bin, operator_id, inspection.inspected_ms)
        .run();
}

// The unit goes back on a shelf as the whole-unit part of its product; returns that part's SKU.
Result<std::string> put_away(StationStore& store, const Rma& rma, const RepairOrder& order,
                             const InspectionRequest& request) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto part = inventory::unit_part_for(inventory, rma.product_model);
    if (!part) return std::unexpected(part.error());
    auto moved = inventory::restock_returned_unit(
        inventory, {rma.product_model, order.device_identity, request.bin,
                    std::string(name_of(request.grade)), order.number, request.operator_id});
    if (!moved) return std::unexpected(moved.error());
    return (*part)->sku;  // restock_returned_unit refuses a product without one
}

}  // namespace

Result<ResaleInspection> inspect_return(StationStore& store, const InspectionRequest& request) {
    auto order = require_order(store, request.order_number, k_where);
    if (!order) return std::unexpected(order.error());
    if (order->state != OrderState::Diagnosed)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: a return is inspected for resale once diagnosed",
                                order->number, name_of(order->state)),
                    k_where);
    bool restock = request.outcome == ResaleOutcome::Restock;
    if (restock && request.grade == ConditionGrade::D)
        return fail(ErrorCode::Invalid,
                    fmt::format("{}: a grade D unit is not sold as it is: return it to the vendor",
                                order->number),
                    k_where);
    if (restock && request.bin.empty())
        return fail(
            ErrorCode::Invalid,
            fmt::format("{}: name the bin the unit is put away in (--bin BIN-...)", order->number),
            k_where);
    if (restock && order->device_identity.empty())
        return fail(ErrorCode::Conflict,
                    fmt::format("{}: the unit's IMEI or serial is not on record: scan it at "
                                "intake before it goes back into stock",
                                order->number),
                    k_where);
    auto diagnosis = latest_diagnosis(store, order->id);
    if (!diagnosis) return std::unexpected(diagnosis.error());
    if (!*diagnosis)
        return fail(ErrorCode::Conflict, fmt::format("{} has no diagnosis", order->number),
                    k_where);
    auto rma = require_rma_of(store, order->rma_id, order->number, k_where);
    if (!rma) return std::unexpected(rma.error());

    ResaleInspection inspection;
    inspection.order_number = order->number;
    inspection.grade = request.grade;
    inspection.missing_accessories = (*diagnosis)->missing_accessories;
    inspection.activated = (*diagnosis)->activated;
    inspection.outcome = request.outcome;
    inspection.serial = order->device_identity;
    inspection.inspected_ms = store.now_ms();

    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    if (restock) {
        auto sku = put_away(store, *rma, *order, request);
        if (!sku) return std::unexpected(sku.error());
        inspection.sku = *sku;
        inspection.bin = request.bin;
    }
    if (auto recorded = record_inspection(store, order->id, inspection, request.operator_id);
        !recorded)
        return std::unexpected(recorded.error());
    MoveRequest move{order->number, OrderState::Restocked, request.operator_id, request.note};
    move.event_detail = {{"grade", name_of(inspection.grade)},
                         {"outcome", name_of(inspection.outcome)},
                         {"missing_accessories", inspection.missing_accessories},
                         {"activated", inspection.activated},
                         {"serial", inspection.serial},
                         {"restocked_sku", inspection.sku}};
    if (auto moved = move_order_in_transaction(store, move); !moved)
        return std::unexpected(moved.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return inspection;
}

Result<std::optional<ResaleInspection>> find_inspection(StationStore& store,
                                                        const std::string& order_id) {
    auto query = store.db().prepare(
        "SELECT o.number, r.grade, r.missing_accessories, r.activated, r.outcome, r.serial, "
        "r.sku, r.bin, r.inspected_ms FROM resale_inspections r JOIN repair_orders o ON "
        "o.id = r.repair_order_id WHERE r.repair_order_id = ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, order_id);
    std::optional<ResaleInspection> found;
    auto read = query->each_row([&](store::RowReader row) {
        ResaleInspection inspection;
        std::string grade, missing, outcome;
        std::int64_t activated = 0;
        row.read(inspection.order_number, grade, missing, activated, outcome, inspection.serial,
                 inspection.sku, inspection.bin, inspection.inspected_ms);
        inspection.grade = parse_enum<ConditionGrade>(grade).value_or(ConditionGrade::D);
        inspection.outcome =
            parse_enum<ResaleOutcome>(outcome).value_or(ResaleOutcome::ReturnToVendor);
        auto list = nlohmann::json::parse(missing, nullptr, false);
        if (list.is_array())
            for (const auto& item : list)
                if (item.is_string()) inspection.missing_accessories.push_back(item);
        inspection.activated = activated != 0;
        found = inspection;
    });
    if (!read) return std::unexpected(read.error());
    return found;
}

}  // namespace rs::station
