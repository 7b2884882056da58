// The demo's exchange and resale inspection, through the same calls as the commands.
#include "station/demo/demo_returns.h"

#include <fmt/format.h>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/orders/workflow.h"
#include "station/returns/exchange.h"
#include "station/returns/resale_inspection.h"

namespace rs::cli {
namespace {

// The shelf of whole units: made once.
Result<std::string> units_bin(inventory::Inventory& inventory) {
    std::string code = labels::make_own_id(labels::CodeKind::Bin, "U-01");
    if (inventory::find_location(inventory, code)) return code;
    inventory::Location bin{0, code, inventory::LocationKind::Bin, "", "whole units"};
    if (auto added = inventory::add_location(inventory, bin); !added)
        return std::unexpected(added.error());
    return code;
}

// The whole-unit part of `product`, made when the demo has none yet.
Result<inventory::Part> unit_part(inventory::Inventory& inventory, const std::string& product) {
    auto found = inventory::unit_part_for(inventory, product);
    if (!found) return std::unexpected(found.error());
    if (*found) return **found;
    inventory::Part part;
    std::string body;
    for (char c : product)
        if (std::isalnum(static_cast<unsigned char>(c)))
            body += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    part.sku = labels::make_own_id(labels::CodeKind::PartSku, "UNIT-" + body);
    part.description_en = product + ", whole unit";
    part.description_zh = product + " 整机";
    part.tracking = inventory::Tracking::Serial;
    part.standard_cost = 180000;
    auto made = inventory.write([&]() -> Result<inventory::Part> {
        if (auto added = inventory::add_part(inventory, part); !added)
            return std::unexpected(added.error());
        if (auto set = inventory::set_unit_product(inventory, part.sku, product); !set)
            return std::unexpected(set.error());
        return inventory::find_part(inventory, part.sku);
    });
    return made;
}

}  // namespace

Status demo_shelve_unit(station::StationStore& store, const std::string& product,
                        const std::string& serial, const char* person) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto bin = units_bin(inventory);
    if (!bin) return std::unexpected(bin.error());
    auto part = unit_part(inventory, product);
    if (!part) return std::unexpected(part.error());
    auto supplier = inventory::find_location(inventory, inventory::k_supplier);
    if (!supplier) return std::unexpected(supplier.error());
    auto shelf = inventory::find_location(inventory, *bin);
    if (!shelf) return std::unexpected(shelf.error());
    inventory::MoveRequest received;
    received.part_id = part->id;
    received.from_id = supplier->id;
    received.to_id = shelf->id;
    received.qty = 1;
    received.serial = serial;
    received.reference = "demo stock";
    received.person = person;
    received.reason = "received";
    if (auto moved = inventory::move_stock(inventory, received); !moved)
        return std::unexpected(moved.error());
    fmt::print("    {} {} serial {} is on the shelf {}\n", part->sku, product, serial, *bin);
    return {};
}

Status demo_exchange(station::StationStore& store, const std::string& number,
                     const std::string& product, const char* technician) {
    const std::string serial = "PX2W26110042";
    if (auto shelved = demo_shelve_unit(store, product, serial, technician); !shelved)
        return shelved;
    auto exchanged =
        station::exchange_order(store, {number, serial, station::ReturnedUnitFate::Refurbishment,
                                        technician, "does not charge: exchanged"});
    if (!exchanged) return std::unexpected(exchanged.error());
    fmt::print(
        "    {} is now exchanged: replacement serial {} out of stock, the customer's unit "
        "goes to {}\n",
        number, exchanged->replacement_serial, name_of(exchanged->returned_unit));
    auto packed = station::move_order(
        store, {number, station::OrderState::ReadyToShip, technician, "replacement packed"});
    if (!packed) return std::unexpected(packed.error());
    fmt::print("    {} is now {}\n", number, name_of(packed->state));
    return {};
}

Status demo_resale_inspection(station::StationStore& store, const std::string& number,
                              const std::string& product, const char* technician) {
    inventory::Inventory inventory(store.db(), store.clock());
    auto bin = units_bin(inventory);
    if (!bin) return std::unexpected(bin.error());
    if (auto part = unit_part(inventory, product); !part) return std::unexpected(part.error());
    auto inspected = station::inspect_return(
        store, {number, station::ConditionGrade::A, station::ResaleOutcome::Restock, *bin,
                technician, "unopened"});
    if (!inspected) return std::unexpected(inspected.error());
    fmt::print("    {} inspected: grade {}, accessories {}, restocked as {} serial {} in {}\n",
               number, name_of(inspected->grade),
               inspected->missing_accessories.empty() ? "complete" : "incomplete", inspected->sku,
               inspected->serial, inspected->bin);
    fmt::print("    {} is now restocked\n", number);
    return {};
}

}  // namespace rs::cli
