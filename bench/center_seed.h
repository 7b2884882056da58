// The store bench/center starts from: a center whose benches each have a technician, a
// registered bench (token), parcels on their way (RMAs to scan in) and phones already in
// repair (to take parts for), and one stockroom with a part every bench draws on and too few of.
// Written through the station's own library calls, as people would have made it; the load is
// what goes through the server.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"

namespace rs::bench {

struct CenterPlan {
    int benches = 50;
    int parcels = 20;  // per bench: RMAs whose parcel the bench scans in
    int repairs = 10;  // per bench: orders in repair that take one part each
    // Units of the contended part: fewer than the repairs want, so the last units are fought
    // over and some reservations must come back short (backordered), never oversold.
    std::int64_t scarce_units = 0;  // 0: 60 % of benches x repairs
    std::string examples_dir;       // examples/: the policy and fault catalogs
};

struct SeededBench {
    std::string name;                  // bench-01 ...
    std::string token;                 // its agent's bearer token
    std::string person;                // the technician's badge, signed in at this bench
    std::vector<std::string> parcels;  // RMA numbers to scan, in order
    std::vector<std::string> repairs;  // order numbers in repair
};

struct SeededCenter {
    std::vector<SeededBench> benches;
    std::string pin;  // every technician's
    std::string bin;  // the stockroom's bin
    std::string scarce_sku, plain_sku;
    std::int64_t scarce_units = 0, plain_units = 0;
};

// Seeds the (empty) store at `location`; `progress` gets a line now and then.
Result<SeededCenter> seed_center(const std::string& location, const CenterPlan& plan,
                                 const std::function<void(const std::string&)>& progress);

}  // namespace rs::bench
