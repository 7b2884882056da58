// Sample devices (examples/policy-samples.json): an RMA, the day it is received and what the
// diagnosis found, for `station policy check` and the demo to show what a policy decides.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/error.h"
#include "station/orders/diagnosis.h"
#include "station/policy/rule_engine.h"
#include "station/rma/rma.h"

namespace rs::station {

struct PolicySample {
    std::string story;
    std::string expected_route;  // as the file says; `policy check` shows where a policy differs
    std::string customer;        // for quotes: "approved" or "declined"
    nlohmann::json rma_json;
    Rma rma;
    Diagnosis diagnosis;  // codes and findings (no order number yet)
    std::vector<std::string> quote_labour;
    std::vector<std::string> quote_parts;
};

struct PolicySamples {
    std::int64_t received_ms = 0;
    std::vector<PolicySample> samples;
};

// `shift_days` moves every date of the samples (RMA dates, the received day) by that many days:
// the demo receives them today and the windows read as in the file.
Result<PolicySamples> parse_policy_samples(const std::string& json_text, std::int64_t shift_days);

// The facts a decision reads for a sample received on `received_ms`.
DecisionFacts sample_facts(const PolicySample& sample, std::int64_t received_ms);

}  // namespace rs::station
