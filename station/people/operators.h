// Operators: the people (and programs) who act at a station, with their role.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "station/people/roles.h"
#include "station/store/station_store.h"

namespace rs::station {

struct Operator {
    std::string id;  // badge code, e.g. "OP-0007" + check character
    std::string name;
    Role role = Role::Technician;
};

// Adds a person; the id must be a valid operator badge code (so it can be scanned).
Status add_operator(StationStore& store, const Operator& person);
// The same, audited ("people.added") under `added_by` in the same transaction.
Status add_person(StationStore& store, const Operator& person, const std::string& added_by);
Result<std::optional<Operator>> find_operator(StationStore& store, const std::string& id);
Result<std::vector<Operator>> list_operators(StationStore& store);

// The station's own programs (the print worker, imports from files) act under this id. It has
// no row, so nobody signs in with it, and it is accepted only where the caller allows the System
// role: a person typing it never gets the platform's rights over repair orders.
inline constexpr const char* k_station_operator = "system";

// Where the station itself may act as well as any person.
inline constexpr Role k_people_or_station[] = {Role::Technician, Role::Warehouse,
                                               Role::PartsManager, Role::Supervisor, Role::System};

// Who is acting, checked once for every action: `badge` must name someone of this store (or be
// k_station_operator where `allowed` holds Role::System), and when `allowed` is not empty, hold
// one of those roles. The error says what to do: give --operator, add the person, or ask
// someone with the role. `where` names the component in the error.
Result<Operator> require_operator(StationStore& store, const std::string& badge,
                                  std::span<const Role> allowed, const char* where);
inline Result<Operator> require_operator(StationStore& store, const std::string& badge,
                                         const char* where) {
    return require_operator(store, badge, {}, where);
}

}  // namespace rs::station
