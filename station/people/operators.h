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
Result<std::optional<Operator>> find_operator(StationStore& store, const std::string& id);
Result<std::vector<Operator>> list_operators(StationStore& store);

// The station's own programs (the print worker, sync, imports from files) act under this id; it
// has the System role and no row, so no person can sign in with it.
inline constexpr const char* k_station_operator = "system";

// Who is acting, checked once for every action: `badge` must name a person of this store (or
// be k_station_operator), and when `allowed` is not empty, hold one of those roles. The error
// says what to do: give --operator, add the person, or ask someone with the role. `where` names
// the component in the error.
Result<Operator> require_operator(StationStore& store, const std::string& badge,
                                  std::span<const Role> allowed, const char* where);
inline Result<Operator> require_operator(StationStore& store, const std::string& badge,
                                         const char* where) {
    return require_operator(store, badge, {}, where);
}

}  // namespace rs::station
