// Roles of the people (and programs) that act on repair orders.
#pragma once

#include "common/enum_names.h"

namespace rs::station {

enum class Role { Technician, Warehouse, PartsManager, Supervisor, System };

// As stored in the database and typed on the command line.
constexpr auto enum_names(Role) {
    using enum Role;
    return std::to_array<EnumName<Role>>({
        {Technician, "technician"},
        {Warehouse, "warehouse"},
        {PartsManager, "parts_manager"},
        {Supervisor, "supervisor"},
        {System, "system"},
    });
}

// The roles of people, as opposed to the station's own programs (System).
inline constexpr Role k_people_roles[] = {Role::Technician, Role::Warehouse, Role::PartsManager,
                                          Role::Supervisor};

}  // namespace rs::station
