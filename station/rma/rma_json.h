// Reading RMAs from the platform's JSON (import files now, sync replies later).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/error.h"
#include "station/rma/rma.h"

namespace rs::station {

// Parses {"rmas": [...]} or a bare array. Every problem names the RMA (index and number) and
// the field, so a person can fix the file; nothing is returned unless every RMA is valid.
Result<std::vector<Rma>> parse_rmas(const std::string& json_text);
Result<Rma> parse_rma(const nlohmann::json& object);

nlohmann::json address_to_json(const Address& address);
Result<Address> address_from_json(const nlohmann::json& object);

// "广东省 深圳市 南山区 科技园科苑路15号 518057 CN"
std::string format_address(const Address& address);

}  // namespace rs::station
