// How intake results are shown: one line per scan for people, or one JSON object per scan.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "labels/codes/code_grammar.h"
#include "station/orders/intake.h"

namespace rs::cli {

// A scan's bytes made printable: GS shows as <GS>, other control bytes as \xNN.
std::string printable_scan(const std::string& text);

// "tracking (UPS 1Z, check digit 4 ok); serial (...)": every reading, best first, on one line.
std::string describe_readings(const std::vector<labels::Classification>& readings);

nlohmann::json readings_to_json(const std::vector<labels::Classification>& readings);
nlohmann::json intake_result_to_json(const std::string& scan, const station::IntakeResult& result);
std::string intake_result_line(const std::string& scan, const station::IntakeResult& result);

}  // namespace rs::cli
