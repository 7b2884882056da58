// ISO 3166-1 alpha-2 country codes and the postal operators that issue UPU S10 numbers.
#pragma once

#include <string_view>

namespace rs::labels {

// True for an officially assigned ISO 3166-1 alpha-2 code ("CN", "GB").
bool is_iso3166_alpha2(std::string_view code);

// The designated postal operator of a country for the common ones ("China Post"), else empty.
std::string_view postal_operator(std::string_view country);

// The meaning of an S10 service indicator from its first letter ("EMS"), per the UPU S10 table.
std::string_view s10_service_name(std::string_view indicator);

}  // namespace rs::labels
