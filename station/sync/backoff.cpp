// Backoff: doubling with a cap, jitter over the upper half, Retry-After as a floor.
#include "station/sync/backoff.h"

#include <algorithm>

namespace rs::station {

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max,
                 std::uint64_t seed)
    : m_initial(initial), m_max(std::max(initial, max)), m_random(seed) {}

std::chrono::milliseconds Backoff::next_delay(std::optional<std::chrono::milliseconds> at_least) {
    ++m_failures;
    std::int64_t ceiling = m_initial.count();
    for (int i = 1; i < m_failures && ceiling < m_max.count(); ++i)
        ceiling *= 2;
    ceiling = std::min(ceiling, static_cast<std::int64_t>(m_max.count()));
    std::int64_t wait = std::uniform_int_distribution<std::int64_t>(ceiling / 2, ceiling)(m_random);
    if (at_least) {
        std::int64_t longest = std::max(m_max, k_longest_retry_after).count();
        wait = std::max(wait, std::min<std::int64_t>(at_least->count(), longest));
    }
    return std::chrono::milliseconds(wait);
}

}  // namespace rs::station
