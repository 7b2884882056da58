// The firmware part of `station demo`: a vendor's file set imported into the catalog and the
// first order's device flashed through the simulated DFU device, with progress and its record.
#pragma once

#include <functional>
#include <string>

#include "station/cli/cli_context.h"
#include "station/store/station_store.h"

namespace rs::cli {

// Writes a small vendor file set into `folder`, imports it, flashes the device of the order of
// the watch (RMA product "Watch 4") as `technician`; `announce` numbers and prints a step.
// Reports errors through `context` and returns false on one.
bool demo_firmware(CliContext& context, station::StationStore& store, const std::string& folder,
                   const std::string& technician,
                   const std::function<void(const std::string&)>& announce);

}  // namespace rs::cli
