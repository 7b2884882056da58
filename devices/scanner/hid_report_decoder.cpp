// HidReportDecoder: picks the keyboard or the HID POS decoder once, at construction.
#include "devices/scanner/hid_report_decoder.h"

namespace rs::devices {

HidReportDecoder::HidReportDecoder(const HidPosLayout* hid_pos_layout, KeyboardOptions keyboard)
    : m_keyboard(std::move(keyboard)) {
    if (hid_pos_layout) m_hid_pos = std::make_unique<HidPosDecoder>(*hid_pos_layout);
}

std::vector<Result<Scan>> HidReportDecoder::feed(std::span<const std::uint8_t> report,
                                                 std::int64_t now_ms) {
    if (!m_hid_pos) return m_keyboard.feed_report(report, now_ms);
    std::vector<Result<Scan>> out;
    if (auto result = m_hid_pos->feed(report, now_ms)) out.push_back(std::move(*result));
    return out;
}

std::vector<Result<Scan>> HidReportDecoder::expire(std::int64_t now_ms, std::int64_t timeout_ms) {
    std::vector<Result<Scan>> out;
    if (m_hid_pos) {
        if (auto result = m_hid_pos->expire(now_ms, timeout_ms)) out.push_back(std::move(*result));
    } else if (auto error = m_keyboard.expire(now_ms, timeout_ms)) {
        out.push_back(std::unexpected(*error));
    }
    return out;
}

}  // namespace rs::devices
