// The shipping part of `station demo`: every order ready to ship goes back to its customer with a
// waybill number the platform issued, its return label and packing slip printed on a printer
// emulator, and is closed once the carrier delivers it.
#pragma once

#include <string>

#include "common/error.h"
#include "station/cli/cli_context.h"
#include "station/demo/demo_platform.h"
#include "station/store/station_store.h"

namespace rs::cli {

// The emulator keeps the labels it prints as files in `label_dir`.
Status demo_shipping(CliContext& context, DemoPlatform& platform, station::StationStore& store,
                     const std::string& label_dir, int& step);

}  // namespace rs::cli
