// Receiving: turns a scanned supplier label into a move from SUPPLIER into the scanned bin.
#include "inventory/receiving.h"

#include <fmt/format.h>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/part_scan.h"

namespace rs::inventory {

Result<Received> receive(Inventory& inventory, const ReceiveRequest& request) {
    return inventory.write([&]() -> Result<Received> {
        auto bin = find_location(inventory, request.bin_code);
        if (!bin) return std::unexpected(bin.error());
        if (bin->kind != LocationKind::Bin)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is not a bin: receive into a bin (scan its label)",
                                    request.bin_code),
                        "inventory");
        auto scanned = resolve_part_scan(inventory, request.scan);
        if (!scanned) return std::unexpected(scanned.error());
        auto supplier = find_location(inventory, k_supplier);
        if (!supplier) return std::unexpected(supplier.error());
        MoveRequest move;
        move.part_id = scanned->part.id;
        move.from_id = supplier->id;
        move.to_id = bin->id;
        move.qty = request.qty.value_or(scanned->qty);
        move.lot = scanned->lot;
        move.serial = scanned->serial;
        move.reference = request.reference;
        move.person = request.person;
        move.reason = scanned->expiry.empty()
                          ? "received"
                          : fmt::format("received, expires {}", scanned->expiry);
        move.unit_cost = request.unit_cost;
        auto moved = post_move(inventory, move);
        if (!moved) return std::unexpected(moved.error());
        return Received{scanned->part.sku, move.lot, move.serial,
                        scanned->expiry,   move.qty, *moved};
    });
}

}  // namespace rs::inventory
