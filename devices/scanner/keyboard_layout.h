// Keyboard layouts: what character each HID keyboard usage types, as data tables per layout.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rs::devices {

// What one key types: plain, with Shift, with AltGr (right Alt). Empty: nothing (dead keys,
// keys a scanner never sends). Texts are UTF-8, so "ß" or "é" are several bytes.
struct KeyChars {
    std::string_view plain;
    std::string_view shifted;
    std::string_view altgr;
};

// One row of a layout table: the HID usage (Keyboard/Keypad page 0x07) and what it types.
struct KeyRow {
    std::uint8_t usage;
    KeyChars chars;
};

class KeyboardLayout {
public:
    KeyboardLayout(std::string name, const std::vector<KeyRow>& rows);
    const std::string& name() const { return m_name; }
    const KeyChars& key(std::uint8_t usage) const { return m_keys[usage]; }

private:
    std::string m_name;
    std::array<KeyChars, 256> m_keys{};
};

// The layouts a scanner can be set to emulate: "us", "de", "fr". Null when unknown.
const KeyboardLayout* find_keyboard_layout(std::string_view name);
const KeyboardLayout& us_layout();
std::vector<std::string> keyboard_layout_names();

}  // namespace rs::devices
