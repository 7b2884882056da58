// Nearest-rank percentiles and hours.
#include "station/reports/distribution.h"

#include <fmt/format.h>

namespace rs::station {

std::int64_t percentile(const std::vector<std::int64_t>& sorted, int percent) {
    // ceil(percent * n / 100) in integers, at least rank 1.
    std::size_t rank = (static_cast<std::size_t>(percent) * sorted.size() + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

std::string hours_text(std::int64_t ms) {
    return fmt::format("{:.1f}", static_cast<double>(ms) / 3'600'000.0);
}

}  // namespace rs::station
