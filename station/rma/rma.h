// RMA: the platform's after-sales request that a device travels under.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/enum_names.h"

namespace rs::station {

// Postal address as the platform sends it; Chinese addresses fill province/city/district.
struct Address {
    std::string country;  // ISO 3166 alpha-2, e.g. "CN"
    std::string province;
    std::string city;
    std::string district;
    std::string street;
    std::string postal_code;
};

enum class RmaType { Repair, Exchange, Return };

constexpr auto enum_names(RmaType) {
    using enum RmaType;
    return std::to_array<EnumName<RmaType>>(
        {{Repair, "repair"}, {Exchange, "exchange"}, {Return, "return"}});
}

// The platform's status of the request: only an approved one is expected at the repair center.
enum class RmaStatus { Approved, Cancelled, Closed, Rejected };

constexpr auto enum_names(RmaStatus) {
    using enum RmaStatus;
    return std::to_array<EnumName<RmaStatus>>({{Approved, "approved"},
                                               {Cancelled, "cancelled"},
                                               {Closed, "closed"},
                                               {Rejected, "rejected"}});
}

struct Rma {
    std::string id;      // the platform's id
    std::string number;  // RMA-... with its check character, printed on the customer's paperwork
    RmaType type = RmaType::Repair;
    RmaStatus status = RmaStatus::Approved;
    std::string customer_name;
    std::string customer_phone;
    Address return_address;
    std::string product_model;
    std::string product_sku;
    std::string expected_serial;
    std::string expected_imei;
    std::optional<std::int64_t> purchase_date_ms;
    int warranty_months = 0;
    // What the after-sales rules read (docs/policy.md): the day the customer got the device, the
    // last day of an extended warranty bought on the platform, the platform it was sold on and,
    // when the platform says, the product category (else the policy finds it by SKU prefix).
    std::optional<std::int64_t> delivered_ms;
    std::optional<std::int64_t> extended_warranty_until_ms;
    std::string platform;
    std::string category;
    std::string fault;
    std::vector<std::string> inbound_tracking;
    std::int64_t updated_ms = 0;
};

// The RMA is still expected at the repair center (not cancelled or finished on the platform).
bool is_expected_here(const Rma& rma);

}  // namespace rs::station
