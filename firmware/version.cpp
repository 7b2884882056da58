// Dotted-number versions.
#include "firmware/version.h"

#include <charconv>
#include <vector>

namespace rs::firmware {
namespace {

std::optional<std::vector<long>> parts_of(std::string_view text) {
    std::vector<long> parts;
    while (true) {
        auto dot = text.find('.');
        std::string_view part = text.substr(0, dot);
        long value = 0;
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || part.size() > 6 || error != std::errc() ||
            end != part.data() + part.size() || value < 0)
            return std::nullopt;
        parts.push_back(value);
        if (parts.size() > 4) return std::nullopt;
        if (dot == std::string_view::npos) return parts;
        text.remove_prefix(dot + 1);
    }
}

}  // namespace

bool is_version(std::string_view text) {
    return parts_of(text).has_value();
}

std::optional<int> compare_versions(std::string_view a, std::string_view b) {
    auto left = parts_of(a);
    auto right = parts_of(b);
    if (!left || !right) return std::nullopt;
    for (std::size_t i = 0; i < std::max(left->size(), right->size()); ++i) {
        long x = i < left->size() ? (*left)[i] : 0;
        long y = i < right->size() ? (*right)[i] : 0;
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

}  // namespace rs::firmware
