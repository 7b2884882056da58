// Roles of the people (and programs) that act on repair orders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rs::station {

enum class Role { Technician, Warehouse, PartsManager, Supervisor, System };

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace rs::station
