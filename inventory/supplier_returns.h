// Supplier returns: defective or unwanted parts set aside to be sent back, with a reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/enum_names.h"
#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

enum class ReturnReason { DeadOnArrival, GoodPartReturn, Damaged };

constexpr auto enum_names(ReturnReason) {
    using enum ReturnReason;
    return std::to_array<EnumName<ReturnReason>>(
        {{DeadOnArrival, "doa"}, {GoodPartReturn, "good_part_return"}, {Damaged, "damaged"}});
}

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
