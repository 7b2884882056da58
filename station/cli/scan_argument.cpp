// Decoding typed scans and reading them from standard input.
#include "station/cli/scan_argument.h"

#include <iostream>

#include "common/scan.h"

namespace rs::cli {
namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
// One line, of which at most one byte more than the longest scan is kept: the intake refuses
// it as too long, and an endless line (a device, a binary file) cannot fill the memory.
bool read_line_bounded(std::istream& in, std::string& line) {
    line.clear();
    int c = 0;
    bool any = false;
    while ((c = in.get()) != std::char_traits<char>::eof()) {
        any = true;
        if (c == '\n') return true;
        if (line.size() <= k_longest_scan_bytes) line.push_back(static_cast<char>(c));
    }
    return any;
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
        while (read_line_bounded(std::cin, line)) {
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
