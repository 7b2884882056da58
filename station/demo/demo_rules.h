// The demo's after-sales part: the policy and fault catalog put in force, then six devices, one
// per route, each with its decision's trace, carried through the platform and back.
#pragma once

#include <string>

#include "common/error.h"
#include "station/demo/demo_platform.h"
#include "station/demo/demo_qa.h"
#include "station/store/station_store.h"

namespace rs::cli {

// The sample devices' RMAs (examples/policy-samples.json) with their dates moved so that they
// are received today: added to the platform's RMAs before it starts.
Result<std::string> demo_rmas_with_samples(station::StationStore& store);

// Puts examples/policy.toml and the fault catalogs in force (before any decision).
Status demo_load_rules(station::StationStore& store, int& step);

// The first phone of the intake: diagnosed with customer damage, decided, quoted.
Status demo_quote_first(station::StationStore& store, const std::string& number);

// The six routes, start to end, with a refused move on the way; repaired devices go through QA
// (`qa`).
Status demo_routes(DemoPlatform& platform, station::StationStore& store, DemoQa& qa, int& step);

}  // namespace rs::cli
