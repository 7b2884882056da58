// HID POS (usage page 0x8C, bar code scanner) input reports to scans; makers' layouts as rows.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"
#include "common/scan.h"

namespace rs::devices {

// How a maker tells that a long code goes on in the next report.
enum class HidPosContinuation {
    Flag,        // a bit in the report says "more reports of this code follow"
    FullReport,  // no flag: a report filled to capacity may be followed by more; the code
                 // ends with a shorter report or, if it filled the last one exactly, a quiet time
};

// Where one maker puts the fields of its scanned-data input report. Offsets are from the
// start of the report as read from the interrupt-IN endpoint (report id included).
struct HidPosLayout {
    std::string_view name;
    std::uint8_t report_id;
    std::size_t report_size;    // shortest report we accept
    std::size_t length_offset;  // one byte: how many data bytes this report carries
    std::size_t data_offset;
    std::size_t data_capacity;  // data bytes one report can hold
    std::size_t aim_offset;     // three bytes of AIM id; 0: the layout has none
    HidPosContinuation continuation;
    std::size_t continuation_offset;  // Flag only
    std::uint8_t continuation_mask;   // Flag only
    std::string_view source;
};

// "honeywell", "newland"; null when unknown.
const HidPosLayout* find_hid_pos_layout(std::string_view name);

// Joins continued reports into one code. A truncated, foreign or out-of-order report is an
// error; the decoder then drops everything up to the end of the broken code.
class HidPosDecoder {
public:
    explicit HidPosDecoder(const HidPosLayout& layout, std::size_t max_length = 8192)
        : m_layout(&layout), m_max_length(max_length) {}

    std::optional<Result<Scan>> feed(std::span<const std::uint8_t> report, std::int64_t time_ms);
    // Called when the device has been quiet: a code still open after `quiet_ms` is finished
    // (FullReport layouts: its length was an exact multiple of a report) or reported as cut
    // off (Flag layouts: the report without the flag never came).
    std::optional<Result<Scan>> expire(std::int64_t now_ms, std::int64_t quiet_ms);
    bool in_code() const { return !m_text.empty() || m_discarding; }

private:
    Error drop(std::string message, bool more_follow);
    Scan finish(std::int64_t time_ms);

    const HidPosLayout* m_layout;
    std::size_t m_max_length;
    std::string m_text;
    std::string m_symbology;
    bool m_discarding = false;
    std::int64_t m_last_report_ms = 0;
};

}  // namespace rs::devices
