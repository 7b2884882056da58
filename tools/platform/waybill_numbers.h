// Waybill numbers as carriers issue them: the reference platform hands stations numbers of the
// real shapes, check digits included, so a station's checks and a scanner's read are the same as
// with numbers from a carrier's range.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rs::platform {

// The carriers the reference platform issues numbers for, by the names the station's code
// tables give them (labels/codes/tracking_numbers.cpp).
std::span<const std::string_view> waybill_carriers();

// The `serial`-th number of `carrier`'s range (serial from 0); nullopt for an unknown carrier
// or a serial past the range.
std::optional<std::string> waybill_number(std::string_view carrier, std::int64_t serial);

}  // namespace rs::platform
