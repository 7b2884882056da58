// Seed data of the reference platform: generated RMAs with Chinese addresses and tracking numbers.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

namespace rs::platform {

// `count` approved RMAs in the import format (examples/demo-rmas.json), deterministic: RMA
// numbers RMA-<first + i> with their check character, ids "seed-rma-<first + i>", one SF
// Express inbound tracking number each (SF + 13 digits), addresses in mainland China.
std::vector<nlohmann::json> generated_rmas(int count, int first = 27000001);

}  // namespace rs::platform
