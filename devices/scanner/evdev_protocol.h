// evdev key events (struct input_event records) to scans, through the keyboard decoder.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "common/error.h"
#include "common/scan.h"
#include "devices/scanner/keyboard_protocol.h"

namespace rs::devices {

// The HID usage of a Linux key code (linux/input-event-codes.h), or 0 when it has none here.
std::uint8_t hid_usage_for_linux_key(std::uint16_t code);

// Bytes read from /dev/input/event* (or a pipe of them) to scans. Records may arrive split
// across reads; a partial record waits for its rest.
class EvdevDecoder {
public:
    explicit EvdevDecoder(KeyboardOptions options = {}) : m_keyboard(std::move(options)) {}

    std::vector<Result<Scan>> feed(std::span<const std::uint8_t> bytes);
    KeyboardDecoder& keyboard() { return m_keyboard; }

private:
    KeyboardDecoder m_keyboard;
    std::vector<std::uint8_t> m_pending;
    std::uint8_t m_modifiers = 0;
};

}  // namespace rs::devices
