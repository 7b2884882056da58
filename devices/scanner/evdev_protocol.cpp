// evdev decoding: input_event records to key presses with modifier state, then to scans.
#include "devices/scanner/evdev_protocol.h"

#include <linux/input.h>

#include <cstring>

namespace rs::devices {
namespace {

// Linux key code -> HID usage: the inverse of hid_keyboard[] in the kernel's
// drivers/hid/hid-input.c, for the keys a scanner types.
struct KeyMapRow {
    std::uint16_t linux_code;
    std::uint8_t usage;
};
constexpr KeyMapRow k_key_map[] = {
    {KEY_A, 0x04},          {KEY_B, 0x05},          {KEY_C, 0x06},         {KEY_D, 0x07},
    {KEY_E, 0x08},          {KEY_F, 0x09},          {KEY_G, 0x0A},         {KEY_H, 0x0B},
    {KEY_I, 0x0C},          {KEY_J, 0x0D},          {KEY_K, 0x0E},         {KEY_L, 0x0F},
    {KEY_M, 0x10},          {KEY_N, 0x11},          {KEY_O, 0x12},         {KEY_P, 0x13},
    {KEY_Q, 0x14},          {KEY_R, 0x15},          {KEY_S, 0x16},         {KEY_T, 0x17},
    {KEY_U, 0x18},          {KEY_V, 0x19},          {KEY_W, 0x1A},         {KEY_X, 0x1B},
    {KEY_Y, 0x1C},          {KEY_Z, 0x1D},          {KEY_1, 0x1E},         {KEY_2, 0x1F},
    {KEY_3, 0x20},          {KEY_4, 0x21},          {KEY_5, 0x22},         {KEY_6, 0x23},
    {KEY_7, 0x24},          {KEY_8, 0x25},          {KEY_9, 0x26},         {KEY_0, 0x27},
    {KEY_ENTER, 0x28},      {KEY_ESC, 0x29},        {KEY_BACKSPACE, 0x2A}, {KEY_TAB, 0x2B},
    {KEY_SPACE, 0x2C},      {KEY_MINUS, 0x2D},      {KEY_EQUAL, 0x2E},     {KEY_LEFTBRACE, 0x2F},
    {KEY_RIGHTBRACE, 0x30}, {KEY_BACKSLASH, 0x31},  {KEY_SEMICOLON, 0x33}, {KEY_APOSTROPHE, 0x34},
    {KEY_GRAVE, 0x35},      {KEY_COMMA, 0x36},      {KEY_DOT, 0x37},       {KEY_SLASH, 0x38},
    {KEY_KPSLASH, 0x54},    {KEY_KPASTERISK, 0x55}, {KEY_KPMINUS, 0x56},   {KEY_KPPLUS, 0x57},
    {KEY_KPENTER, 0x58},    {KEY_KP1, 0x59},        {KEY_KP2, 0x5A},       {KEY_KP3, 0x5B},
    {KEY_KP4, 0x5C},        {KEY_KP5, 0x5D},        {KEY_KP6, 0x5E},       {KEY_KP7, 0x5F},
    {KEY_KP8, 0x60},        {KEY_KP9, 0x61},        {KEY_KP0, 0x62},       {KEY_KPDOT, 0x63},
    {KEY_102ND, 0x64},
};

std::uint8_t modifier_bit(std::uint16_t code) {
    switch (code) {
        case KEY_LEFTCTRL:
            return k_mod_left_ctrl;
        case KEY_LEFTSHIFT:
            return k_mod_left_shift;
        case KEY_LEFTALT:
            return k_mod_left_alt;
        case KEY_LEFTMETA:
            return k_mod_left_gui;
        case KEY_RIGHTCTRL:
            return k_mod_right_ctrl;
        case KEY_RIGHTSHIFT:
            return k_mod_right_shift;
        case KEY_RIGHTALT:
            return k_mod_right_alt;
        case KEY_RIGHTMETA:
            return k_mod_right_gui;
        default:
            return 0;
    }
}

}  // namespace

std::uint8_t hid_usage_for_linux_key(std::uint16_t code) {
    for (const auto& row : k_key_map)
        if (row.linux_code == code) return row.usage;
    return 0;
}

std::vector<Result<Scan>> EvdevDecoder::feed(std::span<const std::uint8_t> bytes) {
    std::vector<Result<Scan>> out;
    m_pending.insert(m_pending.end(), bytes.begin(), bytes.end());
    std::size_t offset = 0;
    while (m_pending.size() - offset >= sizeof(input_event)) {
        input_event event;
        std::memcpy(&event, m_pending.data() + offset, sizeof(event));
        offset += sizeof(event);
        if (event.type != EV_KEY) continue;  // EV_SYN, EV_MSC (scan codes): nothing to type
        std::int64_t time_ms = static_cast<std::int64_t>(event.input_event_sec) * 1000 +
                               static_cast<std::int64_t>(event.input_event_usec) / 1000;
        if (std::uint8_t bit = modifier_bit(event.code)) {
            if (event.value == 0)
                m_modifiers = static_cast<std::uint8_t>(m_modifiers & ~bit);
            else
                m_modifiers = static_cast<std::uint8_t>(m_modifiers | bit);
            continue;
        }
        if (event.value != 1) continue;  // 0 release, 2 autorepeat: a scanner never holds keys
        std::uint8_t usage = hid_usage_for_linux_key(event.code);
        if (usage == 0) {
            // An unknown key inside a code: report it through the decoder's resync path.
            usage = 0x03;
        }
        if (auto result = m_keyboard.press(usage, m_modifiers, time_ms))
            out.push_back(std::move(*result));
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(offset));
    return out;
}

}  // namespace rs::devices
