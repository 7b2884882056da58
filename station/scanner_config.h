// The [scanners] section of the station configuration: which scanners this bench hosts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/scanner/scanner.h"
#include "station/config.h"

namespace rs::station {

struct ScannersConfig {
    std::string operator_id;  // [scanners] operator: badge of who scans here, optional
    std::vector<std::unique_ptr<devices::Scanner>> scanners;
};

// [scanners]
// operator = "OP-0001U"
// [[scanners.device]]
// name = "intake"           # names the scanner in output and in Scan::source
// driver = "serial"         # serial | simulated
// path = "/dev/serial/by-id/usb-Honeywell_...-if00"   # serial
// baud = 9600               # serial
// suffix = "cr"             # serial: cr | lf | crlf | none
// timeout_ms = 200          # serial: quiet time that ends (none) or breaks (others) a code
// scans = ["SF1402398761234"]  # simulated: the script, GS written as \u001d
// interval_ms = 100         # simulated: time between scripted scans
Result<ScannersConfig> parse_scanners_config(const StationConfig& config);

}  // namespace rs::station
