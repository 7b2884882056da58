// The camera part of `station demo`: photos of a received phone with the simulated camera.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "station/cli/cli_context.h"

namespace rs::cli {

// A dark photo with its advice, then a good one with the codes read from it, then a damage
// mark; photo files go where `station photos` finds them for this store ([photos] dir, else
// next to the store), and their paths are added to `written` so a temporary demo can remove
// them. False (the error reported) when something failed.
bool demo_photos(CliContext& context, station::StationStore& store, const std::string& order,
                 std::vector<std::string>& written,
                 const std::function<void(const std::string&)>& narrate);

}  // namespace rs::cli
