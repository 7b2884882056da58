// Cycle counts: what was found in a bin, the variance, posted as adjustment moves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "inventory/inventory.h"

namespace rs::inventory {

struct CountVariance {
    std::string sku, lot, serial;
    std::int64_t expected = 0;  // the bin's balance when the count was posted
    std::int64_t counted = 0;
    std::int64_t variance() const { return counted - expected; }
};

// Counts a bin from the scans of its contents (each a part label; a GS1 (30) counts that many,
// anything else one unit). Everything the bin holds that was not scanned counted zero. Each
// variance becomes a move from or to ADJUSTMENT with `reason`. Reservations are untouched: a
// count that would leave less than is reserved in the bin is refused, naming the part, so
// the reservation is released or picked first. Returns every line, variance or not.
Result<std::vector<CountVariance>> count_bin(Inventory& inventory, const std::string& bin_code,
                                             const std::vector<std::string>& scans,
                                             const std::string& reason, const std::string& person);

}  // namespace rs::inventory
