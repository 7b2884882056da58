// make_scanner: a scanner driver from a driver name and its settings, chosen from one table of
// drivers.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/error.h"
#include "devices/scanner/scanner.h"

namespace rs::devices {

// One setting as a configuration file wrote it; each driver checks the types it reads.
using ScannerSetting =
    std::variant<bool, std::int64_t, double, std::string, std::vector<std::string>>;

// What to build: plain values, read from wherever the caller keeps them (the station's
// [[scanners.device]] rows), so that drivers know nothing of configuration files.
struct ScannerSpec {
    std::string driver;  // a name of the driver table: serial, evdev, hidraw, usb, simulated
    std::string name;    // the simulated scanner's source ("sim:<name>")
    std::map<std::string, ScannerSetting, std::less<>> settings;  // "path", "baud", ...
};

// One row per driver.
struct ScannerDriver {
    std::string_view name;
    std::string_view description;            // for messages that list the drivers
    std::vector<std::string_view> settings;  // the keys of ScannerSpec::settings it reads
    Result<std::unique_ptr<Scanner>> (*make)(const ScannerSpec& spec);
};
const std::vector<ScannerDriver>& scanner_drivers();

// Every key some driver reads, each once: what a configuration row may hold besides its own.
std::vector<std::string_view> scanner_setting_names();

// Errors say which setting to fix ("layout must be us, de or fr"); the caller adds where it is.
// An unknown driver's error lists the drivers there are.
Result<std::unique_ptr<Scanner>> make_scanner(const ScannerSpec& spec);

}  // namespace rs::devices
