// Logger: the process-wide sink and level behind every component's logger.
#include "common/logger.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace rs {
namespace {

void stderr_sink(LogLevel level, std::string_view component, std::string_view message) {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    fmt::print(stderr, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {} [{}] {}\n",
               utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
               ms.count(), name_of(level), component, message);
}

std::mutex g_sink_mutex;
LogSink g_sink = stderr_sink;
std::atomic<LogLevel> g_level{LogLevel::Info};

}  // namespace

void set_log_sink(LogSink sink) {
    std::lock_guard lock(g_sink_mutex);
    g_sink = sink ? std::move(sink) : LogSink(stderr_sink);
}

void set_log_level(LogLevel level) {
    g_level = level;
}

LogLevel log_level() {
    return g_level.load();
}

void Logger::emit(LogLevel level, std::string_view message) const {
    std::lock_guard lock(g_sink_mutex);  // one line at a time, whatever thread logs
    g_sink(level, m_component, message);
}

}  // namespace rs
