// Decoding typed scans and reading them from standard input.
#include "station/cli/scan_argument.h"

#include <iostream>

namespace rs::cli {
namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::string decode_scan_argument(const std::string& typed) {
    std::string bytes;
    for (std::size_t i = 0; i < typed.size(); ++i) {
        if (typed.compare(i, 4, "<GS>") == 0) {
            bytes += '\x1d';
            i += 3;
        } else if (typed[i] == '\\' && i + 3 < typed.size() && typed[i + 1] == 'x' &&
                   hex_value(typed[i + 2]) >= 0 && hex_value(typed[i + 3]) >= 0) {
            bytes += static_cast<char>(hex_value(typed[i + 2]) * 16 + hex_value(typed[i + 3]));
            i += 3;
        } else if (typed[i] == '\\' && i + 1 < typed.size() && typed[i + 1] == '\\') {
            bytes += '\\';
            ++i;
        } else {
            bytes += typed[i];
        }
    }
    return bytes;
}

std::vector<std::string> collect_scans(const std::vector<std::string>& arguments) {
    std::vector<std::string> scans;
    if (arguments.size() == 1 && arguments.front() == "-") {
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (!line.empty()) scans.push_back(decode_scan_argument(line));
        }
        return scans;
    }
    for (const auto& argument : arguments)
        scans.push_back(decode_scan_argument(argument));
    return scans;
}

}  // namespace rs::cli
