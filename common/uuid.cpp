// UUIDv7 generation and inspection.
#include "common/uuid.h"

#include <fmt/format.h>

namespace rs {

UuidGenerator::UuidGenerator(const Clock& clock)
    : m_clock(clock), m_random(std::random_device{}()) {
    m_random.seed((static_cast<std::uint64_t>(std::random_device{}()) << 32) ^
                  std::random_device{}());
}

UuidGenerator::UuidGenerator(const Clock& clock, std::uint64_t seed)
    : m_clock(clock), m_random(seed) {}

std::string UuidGenerator::next() {
    std::lock_guard lock(m_mutex);
    std::int64_t ms = m_clock.now_ms();
    if (ms > m_last_ms) {
        m_last_ms = ms;
        // Start low in the 12-bit space so many ids fit in the same millisecond.
        m_counter = static_cast<std::uint32_t>(m_random() & 0x1FF);
    } else {
        // Same millisecond (or the clock went back): keep ordering by counting on; when the
        // counter is exhausted borrow the next millisecond, as RFC 9562 allows.
        if (++m_counter > 0xFFF) {
            ++m_last_ms;
            m_counter = static_cast<std::uint32_t>(m_random() & 0x1FF);
        }
        ms = m_last_ms;
    }
    std::uint64_t high = (static_cast<std::uint64_t>(ms) & 0xFFFFFFFFFFFFULL) << 16;
    high |= 0x7000ULL | m_counter;  // version 7, counter as rand_a
    std::uint64_t low = (m_random() & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant 10
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                       high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFULL);
}

bool is_uuid_v7(const std::string& text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    char variant = text[19];
    return text[14] == '7' &&
           (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

std::int64_t uuid_v7_time_ms(const std::string& text) {
    if (!is_uuid_v7(text)) return -1;
    std::string hex = text.substr(0, 8) + text.substr(9, 4);
    return static_cast<std::int64_t>(std::stoull(hex, nullptr, 16));
}

}  // namespace rs
