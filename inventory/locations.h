// Locations: warehouses, zones and bins with scannable codes, plus the virtual locations.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

enum class LocationKind {
    Warehouse,
    Zone,
    Bin,
    Workbench,  // picked for a repair, not yet consumed: still on hand
    Supplier,
    Consumption,
    Scrap,
    Adjustment,
    InTransit,
    SupplierReturn,
};

constexpr auto enum_names(LocationKind) {
    using enum LocationKind;
    return std::to_array<EnumName<LocationKind>>({
        {Warehouse, "warehouse"},
        {Zone, "zone"},
        {Bin, "bin"},
        {Workbench, "workbench"},
        {Supplier, "supplier"},
        {Consumption, "consumption"},
        {Scrap, "scrap"},
        {Adjustment, "adjustment"},
        {InTransit, "in_transit"},
        {SupplierReturn, "supplier_return"},
    });
}

// Physical locations hold real stock that can never go negative; virtual ones balance entries.
bool is_physical(LocationKind kind);

// The codes of the virtual locations every store has (created by the migration).
inline constexpr const char* k_supplier = "SUPPLIER";
inline constexpr const char* k_consumption = "CONSUMPTION";
inline constexpr const char* k_scrap = "SCRAP";
inline constexpr const char* k_adjustment = "ADJUSTMENT";
inline constexpr const char* k_in_transit = "IN-TRANSIT";
inline constexpr const char* k_supplier_return = "SUPPLIER-RETURN";
inline constexpr const char* k_workbench = "WORKBENCH";
// Parts set aside for a supplier return (kind workbench: on hand and valued, never reserved).
inline constexpr const char* k_quarantine = "QUARANTINE";

struct Location {
    std::int64_t id = 0;
    std::string code;  // bins: BIN-... with check character; others: A-Z, 0-9, '-'
    LocationKind kind = LocationKind::Bin;
    std::string parent_code;  // bins sit in zones, zones in warehouses; may be empty
    std::string name;
};

// Only warehouses, zones and bins can be added; the virtual locations exist already.
Result<std::int64_t> add_location(Inventory& inventory, const Location& location);
Result<Location> find_location(Inventory& inventory, const std::string& code);
Result<std::vector<Location>> list_locations(Inventory& inventory);

}  // namespace rs::inventory
