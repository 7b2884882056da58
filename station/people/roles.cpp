// Role names as stored in the database and typed on the command line.
#include "station/people/roles.h"

#include <array>
#include <utility>

namespace rs::station {
namespace {
constexpr std::array<std::pair<Role, const char*>, 5> k_roles{{
    {Role::Technician, "technician"},
    {Role::Warehouse, "warehouse"},
    {Role::PartsManager, "parts_manager"},
    {Role::Supervisor, "supervisor"},
    {Role::System, "system"},
}};
}  // namespace

const char* role_name(Role role) {
    for (const auto& [value, name] : k_roles)
        if (value == role) return name;
    return "?";
}

std::optional<Role> parse_role(std::string_view name) {
    for (const auto& [value, text] : k_roles)
        if (name == text) return value;
    return std::nullopt;
}

}  // namespace rs::station
