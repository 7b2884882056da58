// Parts catalog: what a part is (SKU, MPN, GTINs, descriptions, tracking, cost, reorder).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

enum class Tracking { None, Lot, Serial };

constexpr auto enum_names(Tracking) {
    using enum Tracking;
    return std::to_array<EnumName<Tracking>>({{None, "none"}, {Lot, "lot"}, {Serial, "serial"}});
}

struct Part {
    std::int64_t id = 0;  // set by the store
    std::string sku;      // SKU-... with its check character
    std::string mpn;
    std::vector<std::string> gtins;  // stored as 14 digits
    std::string description_zh;
    std::string description_en;
    Tracking tracking = Tracking::None;
    std::string unit = "pcs";
    std::int64_t standard_cost = 0;  // minor units
    std::int64_t reorder_point = 0;
    std::int64_t reorder_qty = 0;
    std::vector<std::string> compatible_models;
    std::vector<std::string> substitutes;  // SKUs, best first; must already exist
};

// Adds a part; returns its id. Invalid for a bad SKU or GTIN, Conflict when either is taken.
Result<std::int64_t> add_part(Inventory& inventory, const Part& part);
Result<Part> find_part(Inventory& inventory, const std::string& sku);
Result<Part> find_part_by_id(Inventory& inventory, std::int64_t id);
// NotFound with how to add it when no part has this GTIN.
Result<Part> find_part_by_gtin(Inventory& inventory, const std::string& gtin);
Result<std::vector<Part>> list_parts(Inventory& inventory);
// The parts that list `sku` among their substitutes (the originals it may replace), by SKU.
Result<std::vector<Part>> originals_of(Inventory& inventory, const std::string& sku);

// The device model a product name is, as the catalog knows models: the longest model some part
// fits that begins `product` as whole words, ignoring case ("Phone X2 Pro 256GB" is a "Phone X2
// Pro" when that is listed, else a "Phone X2"); nullopt when none does.
Result<std::optional<std::string>> catalog_model_of(Inventory& inventory,
                                                    const std::string& product);

// "5901234123457" -> "05901234123457"; empty when not 8, 12, 13 or 14 digits.
std::string normalize_gtin(const std::string& gtin);

}  // namespace rs::inventory
