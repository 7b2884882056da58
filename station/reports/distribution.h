// Order statistics the reports print: nearest-rank percentiles, so each figure is a value that
// really occurred and a person can find it by counting in the sorted list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rs::station {

// The value at rank ceil(percent / 100 * n) of `sorted` (ascending, not empty): the median is
// percentile 50 (for an even count, the lower of the two middle values).
std::int64_t percentile(const std::vector<std::int64_t>& sorted, int percent);

// Milliseconds as hours with one decimal ("26.5").
std::string hours_text(std::int64_t ms);

}  // namespace rs::station
