// Scans and intake results as JSON for the scan cards of the web UI.
#include "station/web/scan_json.h"

#include <fmt/format.h>

namespace rs::station {

std::string printable_code(const std::string& text) {
    std::string shown;
    for (unsigned char c : text) {
        if (c == 0x1d)
            shown += "<GS>";
        else if (c < 0x20 || c == 0x7f)
            shown += fmt::format("\\x{:02x}", c);
        else
            shown += static_cast<char>(c);
    }
    return shown;
}

nlohmann::json intake_json(const IntakeResult& result, const std::string& source,
                           const std::string& text) {
    return {{"source", source},
            {"code", printable_code(text)},
            {"outcome", name_of(result.outcome)},
            {"message", result.message},
            {"orders", result.order_numbers},
            {"is", result.readings.empty() ? "" : result.readings.front().why}};
}

}  // namespace rs::station
