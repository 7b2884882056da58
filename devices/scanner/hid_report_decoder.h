// HidReportDecoder: one HID interface's input reports to scans, as keyboard or HID POS reports.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "devices/scanner/hid_pos_protocol.h"
#include "devices/scanner/keyboard_protocol.h"

namespace rs::devices {

// The decoding that hidraw and libusb readers share: they hand over whole reports, the same
// bytes either way. Not thread-safe: callers feeding from two threads hold a lock.
class HidReportDecoder {
public:
    // `hid_pos_layout` null: the device sends boot keyboard reports.
    HidReportDecoder(const HidPosLayout* hid_pos_layout, KeyboardOptions keyboard);

    std::vector<Result<Scan>> feed(std::span<const std::uint8_t> report, std::int64_t now_ms);
    // A code left half-way for `timeout_ms`: finished or reported broken, as its protocol says.
    std::vector<Result<Scan>> expire(std::int64_t now_ms, std::int64_t timeout_ms);

private:
    KeyboardDecoder m_keyboard;
    std::unique_ptr<HidPosDecoder> m_hid_pos;
};

}  // namespace rs::devices
