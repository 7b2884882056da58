// Backoff: how long to wait after each failure in a row, doubled each time, with jitter.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace rs::station {

// Exponential backoff with "equal jitter": after the n-th failure in a row the wait is drawn
// from [d/2, d] where d = min(initial * 2^(n-1), max). The random half keeps many stations
// that lost the platform together from coming back in lock-step; the fixed half keeps the wait
// growing. A server's Retry-After is a floor, obeyed up to an hour (or `max` when that is
// longer): `Retry-After: 999999999` or a date in year 9999 must not park the sync for decades.
class Backoff {
public:
    static constexpr std::chrono::milliseconds k_longest_retry_after{3600 * 1000};

    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
            std::uint64_t seed = std::random_device{}());

    std::chrono::milliseconds next_delay(std::optional<std::chrono::milliseconds> at_least = {});
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_max;
    std::mt19937_64 m_random;
    int m_failures = 0;
};

}  // namespace rs::station
