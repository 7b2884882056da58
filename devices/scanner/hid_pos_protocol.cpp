// HID POS decoding: scanned-data reports (with continuation) to scans, per maker layout.
#include "devices/scanner/hid_pos_protocol.h"

#include <fmt/format.h>

#include <cctype>

#include "devices/scanner/aim_prefix.h"

namespace rs::devices {
namespace {

// Sources: "HID Point of Sale Usage Tables" 1.02 (usage page 0x8C, Scanned Data Report);
// Honeywell "HID POS" interface description in the Xenon/Voyager/Granit user guides;
// Newland "USB HID-POS" section of the NLS user guides. The Newland offsets are taken from
// that description and await a capture from a real device (see tests/fixtures/scanners/).
constexpr HidPosLayout k_layouts[] = {
    {"honeywell", 0x02, 64, 1, 2, 56, 58, 63, 0x01,
     "Honeywell HID POS: id 2, length, 56 data bytes, AIM id at 58, bit 0 of byte 63 = more"},
    {"newland", 0x02, 64, 1, 5, 56, 2, 63, 0x01,
     "Newland HID-POS: id 2, length, AIM id at 2, 56 data bytes from 5, bit 0 of byte 63 = more"},
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

std::optional<Result<Scan>> HidPosDecoder::feed(std::span<const std::uint8_t> report,
                                                std::int64_t time_ms) {
    const HidPosLayout& layout = *m_layout;
    if (report.size() < layout.report_size)
        return std::unexpected(
            drop(fmt::format("report of {} bytes, expected {}", report.size(), layout.report_size),
                 false));
    if (report[0] != layout.report_id)
        return std::unexpected(
            drop(fmt::format("report id {}, expected {}", report[0], layout.report_id), false));
    bool more = report[layout.continuation_offset] & layout.continuation_mask;
    std::size_t length = report[layout.length_offset];
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
    Scan scan;
    scan.text = std::move(m_text);
    scan.symbology = std::move(m_symbology);
    scan.time_ms = time_ms;
    m_text.clear();
    m_symbology.clear();
    split_aim_prefix(scan.text, scan.symbology);  // layouts without the field may send it inline
    return scan;
}

}  // namespace rs::devices
