// The QA part of `station demo` and `station run --demo`: a repaired device checked step by
// step against its category's checklist, the photo step taken with the simulated camera.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "station/photos/photo_files.h"
#include "station/store/station_store.h"

namespace rs::cli {

struct DemoQa {
    const station::PhotoFiles* files = nullptr;
    std::vector<std::string>* written = nullptr;  // photo files made, for a temporary demo
    bool verbose = true;                          // print each step
    // The next order checked fails its battery measurement first: back to repair with the
    // reason, a new battery, and a second attempt (no first pass).
    bool fail_next = false;
};

// Starts QA of `number` (in_repair) as `who`, records every step and finishes it: the order ends
// in ready_to_ship, its repair report printed when verbose.
Status demo_qa(station::StationStore& store, DemoQa& qa, const std::string& number,
               const std::string& who);

}  // namespace rs::cli
