// Shipping a supplier return: the batch leaves stock and its packing label is queued, together.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "common/error.h"
#include "inventory/supplier_returns.h"
#include "labels/print/label_templates.h"
#include "station/store/station_store.h"

namespace rs::station {

struct SupplierReturnShipping {
    std::string batch;  // SR-000001
    std::string carrier, tracking_number;
    std::string operator_id;  // proven; warehouse, parts manager or supervisor
    std::string printer;
    labels::TemplateContext labels;
};

struct ShippedSupplierReturn {
    inventory::SupplierReturnBatch batch;
    std::int64_t print_job = 0;
};

// The supplier-return template's data for `batch` (its held lines; shipped ones once shipped).
nlohmann::json supplier_return_label_data(const inventory::SupplierReturnBatch& batch,
                                          const std::string& ship_date);

// In one transaction: who acts, the label built (a supplier without an address is refused
// before anything moves), every held line moved out of stock to SUPPLIER-RETURN, the batch
// marked shipped and its label queued. Either all of it is committed or none.
Result<ShippedSupplierReturn> ship_supplier_return_with_label(
    StationStore& store, const SupplierReturnShipping& request);

}  // namespace rs::station
