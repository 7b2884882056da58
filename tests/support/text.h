// Text helpers of the tests: whether output contains a part, a whole file read as text.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace rs::test {

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::string read_text(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

}  // namespace rs::test
