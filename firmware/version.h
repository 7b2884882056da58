// Firmware versions as vendors write them ("2.4.1", "10.0"): dotted numbers, compared part by
// part, a missing part counting as 0 ("2.4" equals "2.4.0").
#pragma once

#include <optional>
#include <string_view>

namespace rs::firmware {

// True for one to four dot-separated numbers of up to six digits each.
bool is_version(std::string_view text);
// <0, 0 or >0 like strcmp; nullopt when either is not a version.
std::optional<int> compare_versions(std::string_view a, std::string_view b);

}  // namespace rs::firmware
