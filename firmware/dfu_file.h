// Firmware files as dfu-util reads and writes them: raw images, the DFU suffix (DFU 1.1
// appendix B, with dfu-util's CRC), the DfuSe file (ST UM0391: prefix, targets, elements) and
// the TI Stellaris and NXP LPC prefixes that dfu-prefix adds. Pure functions over bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"

namespace rs::firmware {

// CRC-32 as dfu-util computes it for the suffix: the reflected polynomial 0xEDB88320 from
// 0xFFFFFFFF, without the final inversion.
std::uint32_t dfu_crc32(std::string_view bytes);

inline constexpr std::size_t k_suffix_length = 16;
inline constexpr std::uint16_t k_any_id = 0xFFFF;

struct DfuSuffix {
    std::uint16_t bcd_device = k_any_id;
    std::uint16_t product_id = k_any_id;
    std::uint16_t vendor_id = k_any_id;
    std::uint16_t dfu_version = 0x0100;  // 0x011A for DfuSe files
    std::uint32_t crc = 0;
};

enum class ImageFormat { Raw, Dfu, Dfuse };
constexpr auto enum_names(ImageFormat) {
    using enum ImageFormat;
    return std::to_array<EnumName<ImageFormat>>({{Raw, "raw"}, {Dfu, "dfu"}, {Dfuse, "dfuse"}});
}

// Vendor prefixes before the image (dfu-prefix): they are part of what the device receives.
enum class PrefixKind { None, Stellaris, Lpc };
constexpr auto enum_names(PrefixKind) {
    using enum PrefixKind;
    return std::to_array<EnumName<PrefixKind>>(
        {{None, "none"}, {Stellaris, "stellaris"}, {Lpc, "lpc"}});
}

struct DfuseElement {
    std::uint32_t address = 0;
    std::string data;
};
struct DfuseTarget {
    std::uint8_t alt_setting = 0;
    std::string name;  // empty when the target is not named
    std::vector<DfuseElement> elements;
};

struct FirmwareFile {
    ImageFormat format = ImageFormat::Raw;
    std::optional<DfuSuffix> suffix;
    PrefixKind prefix = PrefixKind::None;
    std::uint32_t prefix_address = 0;  // Stellaris: the flash address (kept in 1 KiB units)
    std::string payload;               // Raw and Dfu: the bytes a plain DFU download sends
    std::vector<DfuseTarget> targets;  // Dfuse
    std::size_t data_size() const;     // bytes that reach the device's memory
};

// Reads any of the formats; a suffix whose CRC does not match, or a DfuSe file whose sizes do
// not add up, is refused with the offset at fault. Files without a suffix are raw images.
Result<FirmwareFile> parse_firmware_file(std::string_view bytes);

// `payload` with a DFU suffix for these ids (the CRC is computed): what `dfu-suffix -a` makes.
std::string add_dfu_suffix(std::string_view payload, DfuSuffix ids);
// A DfuSe file (prefix, targets, elements) with its suffix (bcdDFU 0x011A).
std::string write_dfuse_file(const std::vector<DfuseTarget>& targets, DfuSuffix ids);

}  // namespace rs::firmware
