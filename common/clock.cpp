// Clock: the system clock and UTC formatting/parsing of millisecond times.
#include "common/clock.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace rs {

std::int64_t SystemClock::now_ms() const {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const Clock& SystemClock::instance() {
    static const SystemClock clock;
    return clock;
}

namespace {
std::tm to_utc(std::int64_t ms) {
    std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return utc;
}
}  // namespace

std::string format_utc_ms(std::int64_t ms) {
    std::tm utc = to_utc(ms);
    int millis = static_cast<int>(((ms % 1000) + 1000) % 1000);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                       utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

std::string format_utc_date(std::int64_t ms) {
    std::tm utc = to_utc(ms);
    return fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

std::int64_t parse_utc(const std::string& text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
        consumed != 10)
        return -1;
    if (text.size() > 10) {
        int rest = 0;
        if (std::sscanf(text.c_str() + 10, "T%2d:%2d:%2d%n", &hour, &minute, &second, &rest) != 3)
            return -1;
        std::size_t pos = 10 + static_cast<std::size_t>(rest);
        if (pos < text.size() && text[pos] == '.') {
            int digits = 0;
            ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (digits < 3) millis = millis * 10 + (text[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0) return -1;
            for (; digits < 3; ++digits)
                millis *= 10;
        }
        if (pos != text.size() - 1 || text[pos] != 'Z') return -1;
    }
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return -1;
    using namespace std::chrono;
    year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return -1;
    auto days = sys_days{date}.time_since_epoch().count();
    return ((static_cast<std::int64_t>(days) * 24 + hour) * 60 + minute) * 60000 +
           static_cast<std::int64_t>(second) * 1000 + millis;
}

}  // namespace rs
