// Logger: one per component, prefixing each line with the component's name.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>
#include <string_view>

#include "common/enum_names.h"

namespace rs {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3, Off = 4 };

constexpr auto enum_names(LogLevel) {
    using enum LogLevel;
    return std::to_array<EnumName<LogLevel>>(
        {{Debug, "debug"}, {Info, "info"}, {Warn, "warn"}, {Error, "error"}, {Off, "off"}});
}

// Where log lines go. The default writes "time level [component] message" to stderr, so
// that a program's stdout stays free for its results.
using LogSink = std::function<void(LogLevel, std::string_view component, std::string_view message)>;

void set_log_sink(LogSink sink);
void set_log_level(LogLevel level);
LogLevel log_level();

class Logger {
public:
    explicit Logger(std::string component) : m_component(std::move(component)) {}

    template <class... Args>
    void debug(fmt::format_string<Args...> format, Args&&... args) const {
        write(LogLevel::Debug, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void info(fmt::format_string<Args...> format, Args&&... args) const {
        write(LogLevel::Info, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void warn(fmt::format_string<Args...> format, Args&&... args) const {
        write(LogLevel::Warn, format, std::forward<Args>(args)...);
    }
    template <class... Args>
    void error(fmt::format_string<Args...> format, Args&&... args) const {
        write(LogLevel::Error, format, std::forward<Args>(args)...);
    }

    const std::string& component() const { return m_component; }

private:
    template <class... Args>
    void write(LogLevel level, fmt::format_string<Args...> format, Args&&... args) const {
        if (level < log_level()) return;  // skip formatting cost for filtered lines
        emit(level, fmt::format(format, std::forward<Args>(args)...));
    }
    void emit(LogLevel level, std::string_view message) const;

    std::string m_component;
};

}  // namespace rs
