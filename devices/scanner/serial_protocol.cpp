// Serial framing: suffix-terminated codes from a byte stream (RS-232 or USB CDC-ACM scanners).
#include "devices/scanner/serial_protocol.h"

#include <fmt/format.h>

#include "devices/scanner/aim_prefix.h"

namespace rs::devices {

std::optional<SerialSuffix> parse_serial_suffix(std::string_view name) {
    if (name == "cr") return SerialSuffix::Cr;
    if (name == "lf") return SerialSuffix::Lf;
    if (name == "crlf") return SerialSuffix::CrLf;
    if (name == "none") return SerialSuffix::None;
    return std::nullopt;
}

Result<Scan> SerialFramer::make_scan(std::string text, std::int64_t time_ms) const {
    // A scanner sending CRLF to a station set for CR or LF leaves the other byte at an end of
    // the code; no code starts or ends with it, so it is dropped rather than kept.
    if (m_options.suffix == SerialSuffix::Cr && !text.empty() && text.front() == '\n')
        text.erase(0, 1);
    if (m_options.suffix == SerialSuffix::Lf && !text.empty() && text.back() == '\r')
        text.pop_back();
    if (text.empty())
        return std::unexpected(Error{ErrorCode::Protocol, "empty code (suffix only)", "scanner"});
    Scan scan;
    scan.text = std::move(text);
    scan.time_ms = time_ms;
    if (m_options.aim_prefix) split_aim_prefix(scan.text, scan.symbology);
    return scan;
}

std::vector<Result<Scan>> SerialFramer::feed(std::span<const std::uint8_t> bytes,
                                             std::int64_t time_ms) {
    std::vector<Result<Scan>> out;
    if (auto expired = expire(time_ms)) out.push_back(std::move(*expired));
    for (std::uint8_t byte : bytes) {
        m_buffer.push_back(static_cast<char>(byte));
        bool end = false;
        switch (m_options.suffix) {
            case SerialSuffix::Cr:
                end = byte == '\r';
                break;
            case SerialSuffix::Lf:
                end = byte == '\n';
                break;
            case SerialSuffix::CrLf:
                end = byte == '\n' && m_buffer.size() >= 2 && m_buffer[m_buffer.size() - 2] == '\r';
                break;
            case SerialSuffix::None:
                break;
        }
        if (end) {
            std::size_t suffix_size = m_options.suffix == SerialSuffix::CrLf ? 2 : 1;
            std::string text = m_buffer.substr(0, m_buffer.size() - suffix_size);
            m_buffer.clear();
            auto scan = make_scan(std::move(text), time_ms);
            // A lone leftover byte of a CRLF pair is not worth an error.
            if (scan || scan.error().message != "empty code (suffix only)")
                out.push_back(std::move(scan));
        } else if (m_buffer.size() > m_options.max_length) {
            m_buffer.clear();
            out.push_back(std::unexpected(
                Error{ErrorCode::Protocol,
                      fmt::format("more than {} bytes without the suffix; check the scanner's "
                                  "suffix setting",
                                  m_options.max_length),
                      "scanner"}));
        }
    }
    m_last_byte_ms = time_ms;
    return out;
}

std::optional<Result<Scan>> SerialFramer::expire(std::int64_t now_ms) {
    if (m_buffer.empty() || now_ms - m_last_byte_ms < m_options.timeout_ms) return std::nullopt;
    std::string text = std::move(m_buffer);
    m_buffer.clear();
    if (m_options.suffix == SerialSuffix::None) return make_scan(std::move(text), m_last_byte_ms);
    return std::unexpected(
        Error{ErrorCode::Timeout,
              fmt::format("{} bytes without the suffix for {} ms were dropped; check the scanner's "
                          "suffix setting or scan again",
                          text.size(), m_options.timeout_ms),
              "scanner"});
}

}  // namespace rs::devices
