// The scan as it travels from a bench agent to the server (POST /api/v1/bench/scans): one JSON
// object, the scan's bytes in hex (a barcode may hold bytes that are not UTF-8, and GS).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "common/error.h"
#include "common/scan.h"
#include "station/scanning/scanner_config.h"

namespace rs::station {

struct BenchScan {
    std::string id;  // UUIDv7 made when the scanner read it: the same id on every delivery
    Scan scan;       // scan.time_ms: when it was read
    ScannerRole role = ScannerRole::Intake;
};

nlohmann::json bench_scan_json(const BenchScan& scan);
// Invalid, naming the field, when anything is missing or malformed.
Result<BenchScan> parse_bench_scan(const nlohmann::json& body);

std::string to_hex(std::string_view bytes);
// nullopt when `hex` is not an even number of hex digits.
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace rs::station
