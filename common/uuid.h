// UUIDv7: time-ordered unique ids (RFC 9562), so ids sort by creation time.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

#include "common/clock.h"

namespace rs {

// Generates UUIDv7 strings. Within one generator, ids are strictly increasing even when many
// are made in the same millisecond (RFC 9562 section 6.2, method 1: a 12-bit counter in
// rand_a, seeded randomly each new millisecond). Thread-safe.
class UuidGenerator {
public:
    explicit UuidGenerator(const Clock& clock = SystemClock::instance());
    // Deterministic random part, for tests.
    UuidGenerator(const Clock& clock, std::uint64_t seed);

    std::string next();

private:
    const Clock& m_clock;
    std::mutex m_mutex;
    std::mt19937_64 m_random;
    std::int64_t m_last_ms = -1;
    std::uint32_t m_counter = 0;
};

// True for a canonical lowercase UUID string of version 7.
bool is_uuid_v7(const std::string& text);

// The creation time embedded in a UUIDv7 (its first 48 bits).
std::int64_t uuid_v7_time_ms(const std::string& text);

}  // namespace rs
