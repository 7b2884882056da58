// Supplier returns: defective or unwanted parts set aside to be sent back, with a reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

enum class ReturnReason { DeadOnArrival, GoodPartReturn, Damaged };

const char* return_reason_name(ReturnReason reason);  // "doa", "good_part_return", "damaged"
std::optional<ReturnReason> parse_return_reason(const std::string& text);

struct SupplierReturn {
    std::string sku;
    std::string from_code;  // a bin, or CONSUMPTION for a defective part taken out of a device
    std::int64_t qty = 1;
    std::string lot, serial;
    ReturnReason reason = ReturnReason::DeadOnArrival;
    std::string reference;  // the repair order or receipt it came with
    std::string person;
};

// One move to SUPPLIER-RETURN; returns the move id.
Result<std::int64_t> return_to_supplier(Inventory& inventory, const SupplierReturn& request);

}  // namespace rs::inventory
