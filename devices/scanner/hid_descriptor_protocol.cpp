// HID report descriptor items to application collections (HID 1.11, section 6.2.2).
#include "devices/scanner/hid_descriptor_protocol.h"

#include <fmt/format.h>

namespace rs::devices {
namespace {

// Item types and tags of the short items we need (HID 1.11, sections 6.2.2.4-6.2.2.8).
constexpr std::uint8_t k_type_main = 0, k_type_global = 1, k_type_local = 2;
constexpr std::uint8_t k_tag_collection = 0x0A, k_tag_end_collection = 0x0C;
constexpr std::uint8_t k_tag_usage_page = 0x00, k_tag_push = 0x0A, k_tag_pop = 0x0B;
constexpr std::uint8_t k_tag_usage = 0x00;
constexpr std::uint8_t k_long_item = 0xFE;
constexpr std::uint32_t k_collection_application = 0x01;

std::unexpected<Error> malformed(std::size_t offset, const std::string& what) {
    return fail(ErrorCode::Protocol,
                fmt::format("HID report descriptor, byte {}: {}", offset, what), "scanner");
}

}  // namespace

Result<std::vector<HidApplication>> parse_hid_report_descriptor(
    std::span<const std::uint8_t> descriptor) {
    std::vector<HidApplication> applications;
    std::vector<std::uint16_t> pushed_pages;
    std::uint16_t usage_page = 0;
    std::vector<std::uint32_t> usages;  // local: cleared after every main item
    int depth = 0;
    std::size_t at = 0;
    while (at < descriptor.size()) {
        std::uint8_t prefix = descriptor[at];
        if (prefix == k_long_item) {  // no long items are defined; skip their data
            if (at + 2 >= descriptor.size()) return malformed(at, "truncated long item");
            std::size_t size = descriptor[at + 1];
            if (at + 3 + size > descriptor.size()) return malformed(at, "truncated long item");
            at += 3 + size;
            continue;
        }
        std::size_t size = (prefix & 0x03) == 3 ? 4 : (prefix & 0x03);
        std::uint8_t type = (prefix >> 2) & 0x03;
        std::uint8_t tag = prefix >> 4;
        if (at + 1 + size > descriptor.size())
            return malformed(at, fmt::format("item 0x{:02x} needs {} data bytes", prefix, size));
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < size; ++i)
            value |= static_cast<std::uint32_t>(descriptor[at + 1 + i]) << (8 * i);
        if (type == k_type_global && tag == k_tag_usage_page) {
            usage_page = static_cast<std::uint16_t>(value);
        } else if (type == k_type_global && tag == k_tag_push) {
            pushed_pages.push_back(usage_page);
        } else if (type == k_type_global && tag == k_tag_pop) {
            if (pushed_pages.empty()) return malformed(at, "Pop without Push");
            usage_page = pushed_pages.back();
            pushed_pages.pop_back();
        } else if (type == k_type_local && tag == k_tag_usage) {
            // A 4-byte usage carries its own page in the upper half (an extended usage).
            usages.push_back(size == 4 ? value : (std::uint32_t{usage_page} << 16) | value);
        } else if (type == k_type_main) {
            if (tag == k_tag_collection) {
                if (depth == 0 && value == k_collection_application) {
                    std::uint32_t usage = usages.empty() ? 0 : usages.front();
                    applications.push_back({static_cast<std::uint16_t>(usage >> 16),
                                            static_cast<std::uint16_t>(usage & 0xFFFF)});
                }
                ++depth;
            } else if (tag == k_tag_end_collection) {
                if (depth == 0) return malformed(at, "End Collection without Collection");
                --depth;
            }
            usages.clear();
        }
        at += 1 + size;
    }
    if (depth != 0) return malformed(at, fmt::format("{} collection(s) never end", depth));
    return applications;
}

const char* hid_interface_kind_name(HidInterfaceKind kind) {
    switch (kind) {
        case HidInterfaceKind::Keyboard:
            return "keyboard";
        case HidInterfaceKind::HidPos:
            return "HID POS";
        case HidInterfaceKind::Other:
            return "other";
    }
    return "unknown";
}

HidInterfaceKind hid_interface_kind(const std::vector<HidApplication>& applications) {
    bool keyboard = false;
    for (const auto& application : applications) {
        if (application.usage_page == k_usage_page_bar_code_scanner)
            return HidInterfaceKind::HidPos;
        if (application.usage_page == k_usage_page_generic_desktop &&
            application.usage == k_usage_keyboard)
            keyboard = true;
    }
    return keyboard ? HidInterfaceKind::Keyboard : HidInterfaceKind::Other;
}

}  // namespace rs::devices
