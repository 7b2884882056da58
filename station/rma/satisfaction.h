// The customer's rating of a closed case, as the platform's RMA carries it after closure:
// `satisfaction: {rating, comment, rated_ms}` (docs/sync-api.md). Read apart from the rest of
// the RMA, so that a bad rating is refused without losing the RMA it came with.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "common/store/migrations.h"
#include "station/store/station_store.h"

namespace rs::station {

struct Satisfaction {
    int rating = 0;             // 1 (very unhappy) .. 5 (very happy)
    std::string comment;        // optional, the customer's words
    std::int64_t rated_ms = 0;  // when the customer rated, UTC ms
    bool operator==(const Satisfaction&) const = default;
};

// The RMA's `satisfaction` member: nullopt when absent or null; Invalid, saying what is wrong,
// when the rating is not a whole number 1..5, the comment not a string or rated_ms not a time.
Result<std::optional<Satisfaction>> parse_satisfaction(const nlohmann::json& rma);

// The rating stored for the RMA (nullopt when none).
Result<std::optional<Satisfaction>> stored_satisfaction(StationStore& store,
                                                        const std::string& rma_id);
// Stores the RMA's rating (nullopt clears it) inside the caller's transaction; true when it
// changed.
Result<bool> store_satisfaction(StationStore& store, const std::string& rma_id,
                                const std::optional<Satisfaction>& satisfaction);

// Station migration 14: the rating's three columns on rmas.
store::Migration satisfaction_migration();

}  // namespace rs::station
