// Repair orders: creating them, reading them and their history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"
#include "common/scan.h"
#include "station/orders/order_state.h"
#include "station/rma/rma.h"
#include "station/store/station_store.h"

namespace rs::station {

// Whether the device that came is the one its RMA names (serial or IMEI scanned at intake).
enum class IdentityStatus { Unchecked, Confirmed, Mismatch };

constexpr auto enum_names(IdentityStatus) {
    using enum IdentityStatus;
    return std::to_array<EnumName<IdentityStatus>>(
        {{Unchecked, "unchecked"}, {Confirmed, "confirmed"}, {Mismatch, "mismatch"}});
}

struct RepairOrder {
    std::string id;  // UUIDv7
    std::int64_t seq = 0;
    std::string number;  // RO-000123 + check character
    std::string rma_id;
    std::string rma_number;
    OrderState state = OrderState::Received;
    std::string owner_id;
    std::string arrival_scan;
    IdentityStatus identity_status = IdentityStatus::Unchecked;
    std::string device_identity;
    std::int64_t created_ms = 0;
    std::int64_t updated_ms = 0;
    // A supervisor cleared the identity mismatch (who, why): it may move past inspection.
    std::string identity_cleared_by;
    std::string identity_cleared_reason;
    std::int64_t owner_since_ms = 0;  // intake, or the last handover

    bool identity_mismatch_open() const {
        return identity_status == IdentityStatus::Mismatch && identity_cleared_by.empty();
    }
};

struct HistoryEntry {
    std::int64_t time_ms = 0;
    std::string operator_id;
    std::string action;
    std::string from_state;
    std::string to_state;
    std::string detail;  // JSON
};

struct OrderFilter {
    std::optional<OrderState> state;
    std::optional<std::string> owner;  // only this person's cases
    int limit = 100;
};

struct NewOrder {
    const Rma& rma;
    std::string owner_id;      // who received it: owns the case until it is closed
    const Scan& arrival_scan;  // what was scanned to receive it
    std::string matched_by;    // how the scan found the RMA, for the audit trail
};

// Creates the order in state `received` with its number, its audit row and its
// `repair_order.received` event, in the caller's transaction.
Result<RepairOrder> create_order(StationStore& store, const NewOrder& order);

Result<std::optional<RepairOrder>> find_order_by_number(StationStore& store,
                                                        const std::string& number);
// The order `number` names, or NotFound saying so (`where` names the component).
Result<RepairOrder> require_order(StationStore& store, const std::string& number,
                                  const char* where);
Result<std::optional<RepairOrder>> find_order_by_rma(StationStore& store,
                                                     const std::string& rma_id);
Result<std::vector<RepairOrder>> list_orders(StationStore& store, const OrderFilter& filter);
Result<std::vector<HistoryEntry>> order_history(StationStore& store, const std::string& order_id);

}  // namespace rs::station
