// IEEE 1284 device ids ("MFG:Zebra Technologies;CMD:ZPL;MDL:ZD420;"): parsing, and telling a
// ZPL printer from the others.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace rs::devices {

// Keys upper-cased with the long forms folded to the short ones (MANUFACTURER -> MFG,
// COMMAND SET -> CMD, MODEL -> MDL); values trimmed.
std::map<std::string, std::string> parse_device_id(std::string_view id);

// True when the command sets (CMD) include ZPL.
bool speaks_zpl(const std::map<std::string, std::string>& fields);

}  // namespace rs::devices
