// Shipping a supplier return with its packing label through the durable print queue.
#include "station/printing/supplier_return_label.h"

#include "common/clock.h"
#include "common/store/transaction.h"
#include "labels/print/zpl_writer.h"
#include "station/people/operators.h"
#include "station/printing/print_queue.h"

namespace rs::station {

namespace {
constexpr const char* k_where = "supplier-returns";
constexpr Role k_shipping_roles[] = {Role::Warehouse, Role::PartsManager, Role::Supervisor};
}  // namespace

nlohmann::json supplier_return_label_data(const inventory::SupplierReturnBatch& batch,
                                          const std::string& ship_date) {
    auto shown = batch.state == inventory::ReturnState::Shipped
                     ? inventory::ReturnLineState::Shipped
                     : inventory::ReturnLineState::Held;
    nlohmann::json lines = nlohmann::json::array();
    for (const auto& line : batch.lines)
        if (line.state == shown)
            lines.push_back({{"sku", line.sku},
                             {"qty", line.qty},
                             {"reason", name_of(line.reason)},
                             {"supplier_part_number", line.supplier_part_number},
                             {"lot", line.lot},
                             {"serial", line.serial},
                             {"reference", line.reference}});
    return {{"return_number", batch.name()},
            {"supplier",
             {{"name", batch.supplier.name},
              {"contact", batch.supplier.contact},
              {"phone", batch.supplier.phone},
              {"address", batch.supplier.address}}},
            {"supplier_rma", batch.supplier_rma},
            {"ship_date", ship_date},
            {"carrier", batch.carrier},
            {"tracking_number", batch.tracking_number},
            {"lines", lines}};
}

Result<ShippedSupplierReturn> ship_supplier_return_with_label(
    StationStore& store, const SupplierReturnShipping& request) {
    if (request.printer.empty())
        return fail(ErrorCode::Invalid,
                    "no label printer to print the supplier return's label on: add a "
                    "[[printers.device]]",
                    k_where);
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto person = require_operator(store, request.operator_id, k_shipping_roles, k_where);
    if (!person) return std::unexpected(person.error());
    inventory::Inventory inventory(store.db(), store.clock());
    auto shipped = inventory::ship_supplier_return(
        inventory, {request.batch, request.carrier, request.tracking_number, person->id});
    if (!shipped) return std::unexpected(shipped.error());
    auto data = supplier_return_label_data(*shipped, format_utc_date(store.now_ms()));
    auto label = labels::build_label("supplier-return", data, request.labels);
    if (!label) return std::unexpected(label.error());
    auto job = enqueue_print_job(store, {request.printer, "supplier-return", data,
                                         labels::to_zpl(*label), 1, person->id, std::nullopt});
    if (!job) return std::unexpected(job.error());
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return ShippedSupplierReturn{std::move(*shipped), job->number};
}

}  // namespace rs::station
