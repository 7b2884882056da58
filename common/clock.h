// Clock: the station's source of "now", injectable so tests control time.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace rs {

class Clock {
public:
    virtual ~Clock() = default;
    // UTC milliseconds since the Unix epoch.
    virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
public:
    std::int64_t now_ms() const override;
    // The clock used when nobody injects one.
    static const Clock& instance();
};

// A clock that moves only when told to: for tests and reproducible demos.
class ManualClock final : public Clock {
public:
    explicit ManualClock(std::int64_t start_ms) : m_now(start_ms) {}
    std::int64_t now_ms() const override { return m_now.load(); }
    void set(std::int64_t ms) { m_now = ms; }
    void advance(std::int64_t ms) { m_now += ms; }

private:
    std::atomic<std::int64_t> m_now;
};

// "2026-11-23T14:05:09.123Z"
std::string format_utc_ms(std::int64_t ms);
// "2026-11-23"
std::string format_utc_date(std::int64_t ms);
// Parses "YYYY-MM-DD" (taken as midnight UTC) or "YYYY-MM-DDTHH:MM:SS[.mmm]Z"; -1 if invalid.
std::int64_t parse_utc(const std::string& text);

}  // namespace rs
