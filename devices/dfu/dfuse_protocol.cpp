// DfuSe commands and memory layouts as bytes and text.
#include "devices/dfu/dfuse_protocol.h"

#include <fmt/format.h>

#include <charconv>

namespace rs::devices::dfu {
namespace {

std::vector<std::uint8_t> command_with_address(std::uint8_t command, std::uint32_t address) {
    return {command, static_cast<std::uint8_t>(address & 0xFF),
            static_cast<std::uint8_t>((address >> 8) & 0xFF),
            static_cast<std::uint8_t>((address >> 16) & 0xFF),
            static_cast<std::uint8_t>((address >> 24) & 0xFF)};
}

std::uint32_t le32(std::span<const std::uint8_t> bytes) {
    return static_cast<std::uint32_t>(bytes[1]) | static_cast<std::uint32_t>(bytes[2]) << 8 |
           static_cast<std::uint32_t>(bytes[3]) << 16 | static_cast<std::uint32_t>(bytes[4]) << 24;
}

Error layout_error(std::string_view text, const char* why) {
    return Error{ErrorCode::Protocol,
                 fmt::format("DfuSe memory layout \"{}\": {}", text.substr(0, 80), why), "dfu"};
}

// Digits in `base` at the front of `text`, consumed.
std::optional<std::uint64_t> take_number(std::string_view& text, int base) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc() || end == text.data()) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    return value;
}

}  // namespace

std::vector<std::uint8_t> dfuse_set_address(std::uint32_t address) {
    return command_with_address(k_dfuse_set_address, address);
}
std::vector<std::uint8_t> dfuse_erase_page(std::uint32_t address) {
    return command_with_address(k_dfuse_erase, address);
}
std::vector<std::uint8_t> dfuse_mass_erase() {
    return {k_dfuse_erase};
}

Result<DfuseCommand> parse_dfuse_command(std::span<const std::uint8_t> payload) {
    using Kind = DfuseCommand::Kind;
    if (payload.empty()) return fail(ErrorCode::Protocol, "empty DfuSe command", "dfu");
    switch (payload[0]) {
        case k_dfuse_get_commands:
            if (payload.size() == 1) return DfuseCommand{Kind::GetCommands, 0};
            break;
        case k_dfuse_set_address:
            if (payload.size() == 5) return DfuseCommand{Kind::SetAddress, le32(payload)};
            break;
        case k_dfuse_erase:
            if (payload.size() == 1) return DfuseCommand{Kind::MassErase, 0};
            if (payload.size() == 5) return DfuseCommand{Kind::ErasePage, le32(payload)};
            break;
        case k_dfuse_read_unprotect:
            if (payload.size() == 1) return DfuseCommand{Kind::ReadUnprotect, 0};
            break;
        default:
            return fail(ErrorCode::Protocol,
                        fmt::format("unknown DfuSe command 0x{:02x}", payload[0]), "dfu");
    }
    return fail(ErrorCode::Protocol,
                fmt::format("DfuSe command 0x{:02x} with {} bytes", payload[0], payload.size()),
                "dfu");
}

std::optional<std::uint32_t> dfuse_block_address(std::uint32_t pointer, std::uint16_t block,
                                                 std::uint16_t transfer_size) {
    if (block < k_dfuse_first_data_block) return std::nullopt;
    std::uint64_t address =
        pointer +
        std::uint64_t{static_cast<std::uint16_t>(block - k_dfuse_first_data_block)} * transfer_size;
    if (address > 0xFFFFFFFFu) return std::nullopt;
    return static_cast<std::uint32_t>(address);
}

const MemorySegment* MemoryLayout::segment_at(std::uint32_t address) const {
    for (const auto& segment : segments)
        if (address >= segment.start && address < segment.end()) return &segment;
    return nullptr;
}

Result<MemoryLayout> parse_memory_layout(std::string_view text) {
    if (text.empty() || text[0] != '@')
        return std::unexpected(layout_error(text, "does not start with '@'"));
    MemoryLayout layout;
    std::string_view rest = text.substr(1);
    auto slash = rest.find('/');
    if (slash == std::string_view::npos)
        return std::unexpected(layout_error(text, "has no '/' after the name"));
    layout.name = std::string(rest.substr(0, slash));
    while (!layout.name.empty() && layout.name.back() == ' ')
        layout.name.pop_back();
    rest.remove_prefix(slash + 1);
    // One or more "/0xADDRESS/runs" groups.
    while (!rest.empty()) {
        if (!rest.starts_with("0x") && !rest.starts_with("0X"))
            return std::unexpected(layout_error(text, "expected a 0x start address"));
        rest.remove_prefix(2);
        auto start = take_number(rest, 16);
        if (!start || *start > 0xFFFFFFFFu || rest.empty() || rest[0] != '/')
            return std::unexpected(layout_error(text, "bad start address"));
        rest.remove_prefix(1);
        std::uint64_t address = *start;
        for (;;) {
            auto count = take_number(rest, 10);
            if (!count || rest.empty() || rest[0] != '*')
                return std::unexpected(layout_error(text, "expected COUNT*SIZE"));
            rest.remove_prefix(1);
            auto size = take_number(rest, 10);
            if (!size) return std::unexpected(layout_error(text, "expected a sector size"));
            std::uint64_t unit = 1;
            if (!rest.empty() &&
                (rest[0] == 'K' || rest[0] == 'M' || rest[0] == 'B' || rest[0] == ' ')) {
                unit = rest[0] == 'K' ? 1024 : rest[0] == 'M' ? 1024 * 1024 : 1;
                rest.remove_prefix(1);
            }
            if (rest.empty() || rest[0] < 'a' || rest[0] > 'g')
                return std::unexpected(layout_error(text, "expected a sector type a..g"));
            std::uint64_t sector_size = *size * unit;
            if (*count == 0 || sector_size == 0 || sector_size > 0xFFFFFFFFu ||
                *count > 0xFFFFFFFFu || address + *count * sector_size > 0x100000000ull)
                return std::unexpected(layout_error(text, "a run lies outside 32-bit memory"));
            layout.segments.push_back({static_cast<std::uint32_t>(address),
                                       static_cast<std::uint32_t>(*count),
                                       static_cast<std::uint32_t>(sector_size), rest[0]});
            address += *count * sector_size;
            rest.remove_prefix(1);
            if (rest.empty()) break;
            if (rest[0] == ',') {
                rest.remove_prefix(1);
                continue;
            }
            if (rest[0] == '/') {
                rest.remove_prefix(1);
                break;
            }
            return std::unexpected(layout_error(text, "expected ',' or '/' after a run"));
        }
    }
    if (layout.segments.empty()) return std::unexpected(layout_error(text, "names no memory"));
    return layout;
}

}  // namespace rs::devices::dfu
