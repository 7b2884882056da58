// RMA pull: applying a page of RMAs from the platform, with what they mean for repair orders.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "station/store/station_store.h"
#include "station/sync/sync_wire.h"

namespace rs::station {

// The operator the sync acts as (role system): customer decisions arrive as its moves.
inline constexpr const char* k_platform_operator = "platform";

struct PullTally {
    int received = 0;
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int refused = 0;                     // unreadable RMAs, kept in sync_refused_rmas
    std::vector<std::string> flagged;    // "RO-000003M: RMA-26110003T cancelled on the platform"
    std::vector<std::string> decisions;  // "RO-000004K: quote approved by the customer"
    int rated = 0;                       // RMAs whose customer rating arrived or changed
    // "RMA-26110003T: satisfaction: "rating" is 6; ...": the rating is not stored (the RMA is)
    std::vector<std::string> ratings_refused;
    bool more_pages = false;  // the pull stopped at its page limit; pull again soon
    PullTally& operator+=(const PullTally& other);
    std::string summary() const;
};

// In one transaction: the RMAs (added or updated), flags on orders whose RMA the platform
// cancelled after intake (the order is neither deleted nor moved), the customer's decision on a
// quote (the order waiting for it moves to approved or declined), the customer's satisfaction
// rating of a closed case, and the new cursor.
// An RMA that cannot be read is recorded as refused, not imported; the others still are. A
// rating that cannot be read (not 1..5) is refused alone: its RMA is stored, the rating stored
// before (if any) is kept, and an audit row says why.
Result<PullTally> apply_rma_page(StationStore& store, const RmaPageReply& page);

// The cursor of the last page applied ("" before the first pull).
Result<std::string> stored_cursor(StationStore& store);

}  // namespace rs::station
