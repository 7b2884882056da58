// The policy in force: policy files the station accepted, kept by version in the store.
#pragma once

#include <optional>
#include <string>

#include "common/error.h"
#include "station/policy/policy.h"
#include "station/store/config.h"
#include "station/store/station_store.h"

namespace rs::station {

struct PolicyLoad {
    Policy policy;
    bool added = false;  // false: this version was already in force
};

// Checks the file and stores it as the policy in force. A file that fails its checks changes
// nothing (the station keeps the policy it had); a known version with other rules is refused
// (decisions name versions, so a version's rules never change).
Result<PolicyLoad> load_policy(StationStore& store, const std::string& text,
                               const std::string& source, const std::string& operator_id);
Result<PolicyLoad> load_policy_file(StationStore& store, const std::string& path,
                                    const std::string& operator_id);

// The newest accepted policy, or nullopt before any was loaded.
Result<std::optional<Policy>> policy_in_force(StationStore& store);

// What a command decides with: the configured file when it reads (loading it if new), else the
// policy in force. `warning` says why a configured file was not taken.
struct PolicyChoice {
    Policy policy;
    std::string warning;
};
Result<PolicyChoice> current_policy(StationStore& store, const std::string& configured_file);

// [policy] file of the configuration (relative to the configuration's folder), or empty.
Result<std::string> configured_policy_file(const StationConfig& config);

}  // namespace rs::station
