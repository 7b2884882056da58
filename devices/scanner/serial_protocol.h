// Serial scanner framing: bytes to codes on a CR, LF or CRLF suffix, with a timeout.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/scan.h"

namespace rs::devices {

enum class SerialSuffix { Cr, Lf, CrLf, None };

// "cr", "lf", "crlf", "none"; nullopt when unknown.
std::optional<SerialSuffix> parse_serial_suffix(std::string_view name);

struct SerialFramingOptions {
    SerialSuffix suffix = SerialSuffix::Cr;
    // Quiet time after the last byte. With a suffix: a code still open then lost its suffix
    // (an error). Without one (None): the quiet time is what ends a code.
    std::int64_t timeout_ms = 200;
    std::size_t max_length = 4096;
    bool aim_prefix = true;
};

class SerialFramer {
public:
    explicit SerialFramer(SerialFramingOptions options = {}) : m_options(options) {}

    std::vector<Result<Scan>> feed(std::span<const std::uint8_t> bytes, std::int64_t time_ms);
    // Call when no byte came for a while.
    std::optional<Result<Scan>> expire(std::int64_t now_ms);
    bool in_code() const { return !m_buffer.empty(); }
    const SerialFramingOptions& options() const { return m_options; }

private:
    Result<Scan> make_scan(std::string text, std::int64_t time_ms) const;

    SerialFramingOptions m_options;
    std::string m_buffer;
    std::int64_t m_last_byte_ms = 0;
};

}  // namespace rs::devices
