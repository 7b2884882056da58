// HID report descriptors: which application collections an interface has (keyboard, HID POS).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "common/error.h"

namespace rs::devices {

inline constexpr std::uint16_t k_usage_page_generic_desktop = 0x01;
inline constexpr std::uint16_t k_usage_keyboard = 0x06;
inline constexpr std::uint16_t k_usage_page_bar_code_scanner = 0x8C;  // HID POS

// A top-level (application) collection: what the interface says it is.
struct HidApplication {
    std::uint16_t usage_page = 0;
    std::uint16_t usage = 0;
};

// Parses the items of a report descriptor (HID 1.11 section 6.2.2: short and long items,
// Push/Pop of globals, extended 32-bit usages) and lists its application collections.
// Truncated items and unbalanced collections are errors.
Result<std::vector<HidApplication>> parse_hid_report_descriptor(
    std::span<const std::uint8_t> descriptor);

enum class HidInterfaceKind { Keyboard, HidPos, Other };
const char* hid_interface_kind_name(HidInterfaceKind kind);

// HID POS wins over a keyboard collection: some scanners expose both on one interface.
HidInterfaceKind hid_interface_kind(const std::vector<HidApplication>& applications);

}  // namespace rs::devices
