// Cycle counts: compares scanned contents with the bin's balances and posts the variance.
#include "inventory/counting.h"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/part_scan.h"

namespace rs::inventory {

Result<std::vector<CountVariance>> count_bin(Inventory& inventory, const std::string& bin_code,
                                             const std::vector<std::string>& scans,
                                             const std::string& reason, const std::string& person) {
    return inventory.write([&]() -> Result<std::vector<CountVariance>> {
        auto bin = find_location(inventory, bin_code);
        if (!bin) return std::unexpected(bin.error());
        if (bin->kind != LocationKind::Bin)
            return fail(ErrorCode::Invalid, fmt::format("{} is not a bin", bin_code), "inventory");
        auto adjustment = find_location(inventory, k_adjustment);
        if (!adjustment) return std::unexpected(adjustment.error());
        using Key = std::tuple<std::int64_t, std::string, std::string>;  // part, lot, serial
        struct Line {
            std::string sku;
            std::int64_t expected = 0, reserved = 0, counted = 0;
        };
        std::map<Key, Line> lines;
        auto balances = physical_balances(inventory, 0, bin->id);
        if (!balances) return std::unexpected(balances.error());
        for (const auto& b : *balances)
            lines[{b.part_id, b.lot, b.serial}] = Line{b.sku, b.qty, b.reserved, 0};
        for (const auto& text : scans) {
            auto scanned = resolve_part_scan(inventory, text);
            if (!scanned) return std::unexpected(scanned.error());
            auto& line = lines[{scanned->part.id, scanned->lot, scanned->serial}];
            line.sku = scanned->part.sku;
            line.counted += scanned->qty;
        }
        std::vector<CountVariance> out;
        for (const auto& [key, line] : lines) {
            const auto& [part_id, lot, serial] = key;
            if (line.counted < line.reserved)
                return fail(ErrorCode::Conflict,
                            fmt::format("{} counted {} of {}{} but {} are reserved for repairs: "
                                        "pick or release those reservations, then count again",
                                        bin_code, line.counted, line.sku,
                                        lot.empty() ? std::string() : " lot " + lot, line.reserved),
                            "inventory");
            out.push_back({line.sku, lot, serial, line.expected, line.counted});
            std::int64_t variance = line.counted - line.expected;
            if (variance == 0) continue;
            MoveRequest move;
            move.part_id = part_id;
            move.from_id = variance > 0 ? adjustment->id : bin->id;
            move.to_id = variance > 0 ? bin->id : adjustment->id;
            move.qty = variance > 0 ? variance : -variance;
            move.lot = lot;
            move.serial = serial;
            move.reference = fmt::format("count {}", bin_code);
            move.person = person;
            move.reason = reason.empty() ? "cycle count" : reason;
            if (auto moved = post_move(inventory, move); !moved)
                return std::unexpected(moved.error());
        }
        return out;
    });
}

}  // namespace rs::inventory
