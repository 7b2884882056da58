// Operators: the people (and programs) who act at a station, with their role.
#pragma once

#include <optional>
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

}  // namespace rs::station
