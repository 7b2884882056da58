// HID POS decoding: scanned-data reports (with continuation) to scans, per maker layout.
#include "devices/scanner/hid_pos_protocol.h"

#include <fmt/format.h>

#include <cctype>

#include "devices/scanner/aim_prefix.h"

namespace rs::devices {
namespace {

// Both follow the "HID Point of Sale Usage Tables" 1.02 idea (usage page 0x8C, scanned data
// report) with the makers' own byte positions:
// - Honeywell: bytes captured from a Voyager 1602g in "USB HID" (HID POS) mode, published in
//   github.com/HenkVanAsselt/python_hon_usbhid (README, REVINF reply): id 0x02, length, AIM id
//   in bytes 2-4, 56 data bytes from 5, Honeywell code id in 61, bit 0 of byte 63 = more follow.
//   tests/fixtures/scanners/hid_pos_honeywell_capture.hex holds that capture.
// - Newland: the "USB HID-POS" input report of the NLS user guides (as quoted for the FM430 in
//   public driver code): id 0x02, length, 56 data bytes from 2, bytes 58-61 reserved, Newland
//   code id in 62; no continuation flag. Not yet checked against a capture of our own.
constexpr HidPosLayout k_layouts[] = {
    {"honeywell", 0x02, 64, 1, 5, 56, 2, HidPosContinuation::Flag, 63, 0x01,
     "Honeywell HID POS: id 2, length, AIM id at 2, 56 data bytes from 5, bit 0 of byte 63 = more "
     "(Voyager 1602g capture)"},
    {"newland", 0x02, 63, 1, 2, 56, 0, HidPosContinuation::FullReport, 0, 0,
     "Newland HID-POS: id 2, length, 56 data bytes from 2, code id at 62; a full report may "
     "continue (NLS user guide)"},
};

}  // namespace

const HidPosLayout* find_hid_pos_layout(std::string_view name) {
    for (const auto& layout : k_layouts)
        if (layout.name == name) return &layout;
    return nullptr;
}

Error HidPosDecoder::drop(std::string message, bool more_follow) {
    m_text.clear();
    m_symbology.clear();
    m_discarding = more_follow;
    return Error{
        ErrorCode::Protocol,
        fmt::format("{} HID POS: {}; the code was dropped: scan it again", m_layout->name, message),
        "scanner"};
}

Scan HidPosDecoder::finish(std::int64_t time_ms) {
    Scan scan;
    scan.text = std::move(m_text);
    scan.symbology = std::move(m_symbology);
    scan.time_ms = time_ms;
    m_text.clear();
    m_symbology.clear();
    split_aim_prefix(scan.text, scan.symbology);  // layouts without the field may send it inline
    return scan;
}

std::optional<Result<Scan>> HidPosDecoder::feed(std::span<const std::uint8_t> report,
                                                std::int64_t time_ms) {
    const HidPosLayout& layout = *m_layout;
    m_last_report_ms = time_ms;
    if (report.size() < layout.report_size)
        return std::unexpected(
            drop(fmt::format("report of {} bytes, expected {}", report.size(), layout.report_size),
                 false));
    if (report[0] != layout.report_id)
        return std::unexpected(
            drop(fmt::format("report id {}, expected {}", report[0], layout.report_id), false));
    std::size_t length = report[layout.length_offset];
    bool more = layout.continuation == HidPosContinuation::Flag
                    ? (report[layout.continuation_offset] & layout.continuation_mask) != 0
                    : length == layout.data_capacity;
    if (length > layout.data_capacity)
        return std::unexpected(drop(fmt::format("length {} exceeds the {} data bytes of a report",
                                                length, layout.data_capacity),
                                    more));
    std::string symbology;
    if (layout.aim_offset != 0 && report[layout.aim_offset] != 0) {
        symbology.assign(reinterpret_cast<const char*>(report.data() + layout.aim_offset), 3);
        if (symbology[0] != ']' || !std::isalpha(static_cast<unsigned char>(symbology[1])))
            return std::unexpected(drop("malformed AIM identifier", more));
    }
    if (m_discarding) {
        m_discarding = more;  // the broken code ends with its last report
        return std::nullopt;
    }
    if (!m_text.empty() && symbology != m_symbology)
        return std::unexpected(
            drop("a report of another code arrived before the previous one ended", more));
    m_symbology = symbology;
    m_text.append(reinterpret_cast<const char*>(report.data() + layout.data_offset), length);
    if (m_text.size() > m_max_length)
        return std::unexpected(drop(fmt::format("code longer than {} bytes", m_max_length), more));
    if (more) return std::nullopt;
    if (m_text.empty()) return std::unexpected(drop("empty code", false));
    return finish(time_ms);
}

std::optional<Result<Scan>> HidPosDecoder::expire(std::int64_t now_ms, std::int64_t quiet_ms) {
    if (!in_code() || now_ms - m_last_report_ms < quiet_ms) return std::nullopt;
    if (m_discarding) {
        m_discarding = false;  // the rest of the broken code never came: start afresh
        return std::nullopt;
    }
    if (m_layout->continuation == HidPosContinuation::FullReport) return finish(m_last_report_ms);
    return std::unexpected(
        drop(fmt::format("the last report of a {}-byte code never came", m_text.size()), false));
}

}  // namespace rs::devices
