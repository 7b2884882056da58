// Scans and intake results as the web UI shows them (the scan card).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "station/orders/intake.h"

namespace rs::station {

// A code fit to show: the GS1 separator as <GS>, other control bytes as \xNN.
std::string printable_code(const std::string& text);

// {"source", "code", "outcome", "message", "orders", "is"}: one intake result.
nlohmann::json intake_json(const IntakeResult& result, const std::string& source,
                           const std::string& text);

}  // namespace rs::station
