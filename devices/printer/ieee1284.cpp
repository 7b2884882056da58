// IEEE 1284 device id parsing (IEEE 1284-2000 section 7.6: key:value pairs ending with ';').
#include "devices/printer/ieee1284.h"

#include <algorithm>
#include <cctype>

namespace rs::devices {
namespace {

std::string trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

}  // namespace

std::map<std::string, std::string> parse_device_id(std::string_view id) {
    std::map<std::string, std::string> fields;
    std::size_t start = 0;
    while (start < id.size()) {
        std::size_t end = id.find(';', start);
        std::string_view pair = id.substr(start, end == std::string_view::npos ? end : end - start);
        std::size_t colon = pair.find(':');
        if (colon != std::string_view::npos) {
            std::string key = trim(pair.substr(0, colon));
            std::transform(key.begin(), key.end(), key.begin(),
                           [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
            if (key == "MANUFACTURER") key = "MFG";
            if (key == "COMMAND SET") key = "CMD";
            if (key == "MODEL") key = "MDL";
            fields[key] = trim(pair.substr(colon + 1));
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return fields;
}

bool speaks_zpl(const std::map<std::string, std::string>& fields) {
    auto command = fields.find("CMD");
    if (command == fields.end()) return false;
    std::string sets = command->second;
    std::transform(sets.begin(), sets.end(), sets.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    // "ZPL", "ZPL,EPL2", "ZPLII"; EPL-only printers (LP 2844) do not count.
    return sets.find("ZPL") != std::string::npos;
}

}  // namespace rs::devices
