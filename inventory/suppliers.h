// Suppliers: who parts come from and go back to, how to reach them, and which parts they supply.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct Supplier {
    std::int64_t id = 0;
    std::string name;     // unique: how people and commands name the supplier
    std::string contact;  // the person to ask
    std::string email, phone;
    std::string address;  // where supplier returns are sent
};

struct SuppliedPart {
    std::string sku;
    std::string description;
    std::string supplier_part_number;  // the supplier's own number, printed on what goes back
};

// Changes to a supplier's record: only the fields given are changed.
struct SupplierChange {
    std::optional<std::string> name, contact, email, phone, address;
};

// Adds a supplier with the parts it supplies (sku and supplier_part_number of each), all or
// nothing; Conflict when the name is taken (names compare without case).
Result<std::int64_t> add_supplier(Inventory& inventory, const Supplier& supplier,
                                  const std::vector<SuppliedPart>& supplies = {});
Result<Supplier> edit_supplier(Inventory& inventory, const std::string& name,
                               const SupplierChange& change);
// NotFound naming the suppliers there are to choose from.
Result<Supplier> find_supplier(Inventory& inventory, const std::string& name);
Result<Supplier> find_supplier_by_id(Inventory& inventory, std::int64_t id);
Result<std::vector<Supplier>> list_suppliers(Inventory& inventory);

// Records that `supplier` supplies `sku` (again: updates its part number).
Status set_supplied_part(Inventory& inventory, const std::string& supplier, const std::string& sku,
                         const std::string& supplier_part_number);
// The supplier no longer supplies `sku`; NotFound when it did not.
Status remove_supplied_part(Inventory& inventory, const std::string& supplier,
                            const std::string& sku);
Result<std::vector<SuppliedPart>> supplied_parts(Inventory& inventory, std::int64_t supplier_id);
// The supplier's part number for `part_id`, or nullopt when it does not supply it.
Result<std::optional<std::string>> supplier_part_number(Inventory& inventory,
                                                        std::int64_t supplier_id,
                                                        std::int64_t part_id);

}  // namespace rs::inventory
