// Reads the hex byte fixtures of tests/fixtures/scanners/: one report per line, # comments.
#pragma once

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rs::test {

inline std::vector<std::vector<std::uint8_t>> read_hex_reports(const std::string& name) {
    std::ifstream file(std::string(SCANNER_FIXTURES) + "/" + name);
    if (!file) throw std::runtime_error("missing fixture " + name);
    std::vector<std::vector<std::uint8_t>> reports;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::vector<std::uint8_t> report;
        std::string word;
        while (words >> word)
            report.push_back(static_cast<std::uint8_t>(std::stoul(word, nullptr, 16)));
        reports.push_back(std::move(report));
    }
    return reports;
}

}  // namespace rs::test
