// Formatting of intake results and code readings for the terminal and for JSON.
#include "station/cli/intake_output.h"

#include <fmt/format.h>

#include "station/web/scan_json.h"

namespace rs::cli {

std::string printable_scan(const std::string& text) {
    return station::printable_code(text);  // the web UI shows codes the same way
}

std::string describe_readings(const std::vector<labels::Classification>& readings) {
    std::string line;
    for (const auto& reading : readings) {
        if (!line.empty()) line += "; ";
        line += fmt::format("{}{} ({})", reading.valid ? "" : "invalid ",
                            labels::kind_name(reading.kind), printable_scan(reading.why));
    }
    return line;
}

nlohmann::json readings_to_json(const std::vector<labels::Classification>& readings) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& reading : readings) {
        nlohmann::json fields = nlohmann::json::object();
        for (const auto& [name, value] : reading.fields)
            fields[name] = printable_scan(value);
        list.push_back({{"kind", labels::kind_name(reading.kind)},
                        {"valid", reading.valid},
                        {"fields", fields},
                        {"why", reading.why}});
    }
    return list;
}

nlohmann::json intake_result_to_json(const std::string& scan, const station::IntakeResult& result) {
    return {{"scan", printable_scan(scan)},
            {"outcome", name_of(result.outcome)},
            {"orders", result.order_numbers},
            {"message", result.message},
            {"readings", readings_to_json(result.readings)}};
}

std::string intake_result_line(const std::string& scan, const station::IntakeResult& result) {
    return fmt::format("{:<20} {:<18} {}", printable_scan(scan), name_of(result.outcome),
                       result.message);
}

}  // namespace rs::cli
