// HID boot keyboard reports (and single key presses) to scans: the keyboard-wedge decoder.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/scan.h"
#include "devices/scanner/keyboard_layout.h"

namespace rs::devices {

// HID usages (Keyboard/Keypad page 0x07) a scanner can end a code with.
inline constexpr std::uint8_t k_usage_enter = 0x28;
inline constexpr std::uint8_t k_usage_tab = 0x2B;
inline constexpr std::uint8_t k_usage_keypad_enter = 0x58;

// Modifier bits of byte 0 of a boot keyboard report (HID 1.11, appendix B.1).
inline constexpr std::uint8_t k_mod_left_ctrl = 0x01;
inline constexpr std::uint8_t k_mod_left_shift = 0x02;
inline constexpr std::uint8_t k_mod_left_alt = 0x04;
inline constexpr std::uint8_t k_mod_left_gui = 0x08;
inline constexpr std::uint8_t k_mod_right_ctrl = 0x10;
inline constexpr std::uint8_t k_mod_right_shift = 0x20;
inline constexpr std::uint8_t k_mod_right_alt = 0x40;  // AltGr on European layouts
inline constexpr std::uint8_t k_mod_right_gui = 0x80;

std::vector<std::uint8_t> default_terminators();

struct KeyboardOptions {
    const KeyboardLayout* layout = &us_layout();
    // Enter and keypad Enter by default (built by a function: g++ 12 warns falsely about an
    // initializer list here).
    std::vector<std::uint8_t> terminators = default_terminators();
    bool aim_prefix = true;  // split a leading AIM id into Scan::symbology
    // Telling a scanner from a person typing on the same keyboard device: a code counts as a
    // scan only if no gap between two keys exceeds max_key_gap_ms (0: no check) and it has at
    // least min_length bytes. Scanners type a key every few ms; people need 50 ms or more.
    std::int64_t max_key_gap_ms = 0;
    std::size_t min_length = 1;
    std::size_t max_length = 4096;  // longer: a stuck key or garbage, not a code
};

// Decodes key presses into codes. Every key either adds bytes to the code under way, ends it,
// or is an error; after an error the rest of that code is dropped up to its terminator, so a
// tail is never reported as a code of its own.
class KeyboardDecoder {
public:
    explicit KeyboardDecoder(KeyboardOptions options = {});

    // One 8-byte boot keyboard report: [modifiers, reserved, key1..key6]. Reports are key
    // states, so new presses are found by difference with the previous report.
    std::vector<Result<Scan>> feed_report(std::span<const std::uint8_t> report,
                                          std::int64_t time_ms);

    // One key going down with `modifiers` held (evdev feeds this directly).
    std::optional<Result<Scan>> press(std::uint8_t usage, std::uint8_t modifiers,
                                      std::int64_t time_ms);

    // A code with no terminator for `timeout_ms`: dropped, reported as an error.
    std::optional<Error> expire(std::int64_t now_ms, std::int64_t timeout_ms);

    bool in_code() const { return !m_text.empty() || m_discarding; }
    void reset();

private:
    Error drop(std::string message);
    std::optional<Result<Scan>> finish(std::int64_t time_ms);

    KeyboardOptions m_options;
    std::vector<std::uint8_t> m_held;  // keys down in the previous report
    std::string m_text;
    bool m_discarding = false;
    std::int64_t m_last_key_ms = 0;
    std::int64_t m_max_gap_ms = 0;
};

}  // namespace rs::devices
