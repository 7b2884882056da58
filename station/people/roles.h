// Roles of the people (and programs) that act on repair orders.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rs::station {

enum class Role { Technician, Warehouse, PartsManager, Supervisor, System };

// The roles of people, as opposed to the station's own programs (System).
inline constexpr Role k_people_roles[] = {Role::Technician, Role::Warehouse, Role::PartsManager,
                                          Role::Supervisor};

const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

}  // namespace rs::station
