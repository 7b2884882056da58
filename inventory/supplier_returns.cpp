// Supplier returns: a move into SUPPLIER-RETURN whose reason says why it goes back.
#include "inventory/supplier_returns.h"

#include <fmt/format.h>

#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"

namespace rs::inventory {

Result<std::int64_t> return_to_supplier(Inventory& inventory, const SupplierReturn& request) {
    return inventory.write([&]() -> Result<std::int64_t> {
        auto part = find_part(inventory, request.sku);
        if (!part) return std::unexpected(part.error());
        auto from = find_location(inventory, request.from_code);
        if (!from) return std::unexpected(from.error());
        if (from->kind != LocationKind::Bin && from->kind != LocationKind::Consumption)
            return fail(ErrorCode::Invalid,
                        fmt::format("parts go back to the supplier from a bin or from "
                                    "CONSUMPTION (taken out of a device), not from {}",
                                    request.from_code),
                        "inventory");
        auto to = find_location(inventory, k_supplier_return);
        if (!to) return std::unexpected(to.error());
        MoveRequest move;
        move.part_id = part->id;
        move.from_id = from->id;
        move.to_id = to->id;
        move.qty = request.qty;
        move.lot = request.lot;
        move.serial = request.serial;
        move.reference = request.reference;
        move.person = request.person;
        move.reason = name_of(request.reason);
        return post_move(inventory, move);
    });
}

}  // namespace rs::inventory
