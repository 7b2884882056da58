// Whole units in stock: a part that is a whole device of one product (a replacement phone), as
// opposed to a spare part that fits it. An exchange ships one of these to the customer; a
// customer's returned unit, inspected and graded, comes back into stock as one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "inventory/catalog.h"
#include "inventory/inventory.h"

namespace rs::inventory {

// Marks a serial-tracked part as a whole unit of `product` (the product as the platform names
// it, variant included: "Phone X2 128GB"). Invalid for a part that is not serial-tracked.
Status set_unit_product(Inventory& inventory, const std::string& sku, const std::string& product);
// The product a part is a whole unit of; nullopt for a spare part.
Result<std::optional<std::string>> unit_product_of(Inventory& inventory, std::int64_t part_id);
// The part that is a whole unit of `product` (compared without regard to case or spacing).
Result<std::optional<Part>> unit_part_for(Inventory& inventory, const std::string& product);

struct UnitIssue {
    std::string serial;     // scanned from the unit taken off the shelf
    std::string product;    // what the customer sent in: the replacement must be the same
    std::string reference;  // the repair order
    std::string person;
};
struct IssuedUnit {
    Part part;
    std::string serial;
    std::string from_bin;
    std::int64_t unit_cost = 0;  // its ledger cost, what the exchange costs
    std::int64_t move_id = 0;
};
// Takes the unit with this serial out of its bin for an exchange (a move to CONSUMPTION).
// Refuses a serial that is not in a bin, a part that is not a whole unit, or a unit of
// another product.
Result<IssuedUnit> issue_unit(Inventory& inventory, const UnitIssue& request);

struct ReturnedUnit {
    std::string product;
    std::string serial;  // the unit's serial or IMEI, as identified at intake
    std::string bin;     // where it is put away
    std::string grade;   // its condition grade, kept in the move's reason
    std::string reference;
    std::string person;
};
// Puts a customer's returned unit into a bin: a move from CUSTOMERS (the outside, as SUPPLIER
// is for purchases) at the part's standard cost. Refuses a product with no whole-unit part.
Result<std::int64_t> restock_returned_unit(Inventory& inventory, const ReturnedUnit& request);

}  // namespace rs::inventory
