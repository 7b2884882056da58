// DFU suffix, DfuSe and vendor prefixes: reading and writing them byte by byte.
#include "firmware/dfu_file.h"

#include <fmt/format.h>

#include <array>

namespace rs::firmware {
namespace {

constexpr std::size_t k_dfuse_prefix_length = 11;
constexpr std::size_t k_dfuse_target_prefix_length = 274;
constexpr std::size_t k_dfuse_element_header_length = 8;
constexpr std::size_t k_stellaris_prefix_length = 8;
constexpr std::size_t k_lpc_prefix_length = 16;

constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}
constexpr auto k_crc_table = make_crc_table();

std::uint8_t byte_at(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint8_t>(bytes[at]);
}
std::uint16_t le16(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint16_t>(byte_at(bytes, at) | byte_at(bytes, at + 1) << 8);
}
std::uint32_t le32(std::string_view bytes, std::size_t at) {
    return static_cast<std::uint32_t>(le16(bytes, at)) |
           static_cast<std::uint32_t>(le16(bytes, at + 2)) << 16;
}
void put16(std::string& out, std::uint16_t value) {
    out += static_cast<char>(value & 0xFF);
    out += static_cast<char>(value >> 8);
}
void put32(std::string& out, std::uint32_t value) {
    put16(out, static_cast<std::uint16_t>(value & 0xFFFF));
    put16(out, static_cast<std::uint16_t>(value >> 16));
}

std::unexpected<Error> bad_file(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), "firmware");
}

Result<std::vector<DfuseTarget>> parse_dfuse(std::string_view image) {
    // Prefix: "DfuSe", bVersion 1, DFUImageSize (the file without its suffix), bTargets.
    if (image.size() < k_dfuse_prefix_length)
        return bad_file("DfuSe file shorter than its 11-byte prefix");
    if (byte_at(image, 5) != 0x01)
        return bad_file(
            fmt::format("DfuSe file version {} (only 1 is defined)", byte_at(image, 5)));
    std::uint32_t image_size = le32(image, 6);
    if (image_size != image.size())
        return bad_file(fmt::format("DfuSe prefix says {} bytes, the file has {} before its suffix",
                                    image_size, image.size()));
    std::size_t count = byte_at(image, 10);
    std::size_t at = k_dfuse_prefix_length;
    std::vector<DfuseTarget> targets;
    for (std::size_t t = 0; t < count; ++t) {
        if (image.size() - at < k_dfuse_target_prefix_length)
            return bad_file(fmt::format("DfuSe target {} at byte {} is cut short", t, at));
        if (image.substr(at, 6) != "Target")
            return bad_file(
                fmt::format("DfuSe target {} at byte {} lacks its \"Target\" signature", t, at));
        DfuseTarget target;
        target.alt_setting = byte_at(image, at + 6);
        if (le32(image, at + 7) != 0) {
            std::string_view name = image.substr(at + 11, 255);
            target.name = std::string(name.substr(0, name.find('\0')));
        }
        std::uint32_t target_size = le32(image, at + 266);
        std::uint32_t elements = le32(image, at + 270);
        at += k_dfuse_target_prefix_length;
        if (target_size > image.size() - at)
            return bad_file(fmt::format("DfuSe target {} says {} bytes, {} remain", t, target_size,
                                        image.size() - at));
        std::size_t end = at + target_size;
        for (std::uint32_t e = 0; e < elements; ++e) {
            if (end - at < k_dfuse_element_header_length)
                return bad_file(
                    fmt::format("DfuSe element {} of target {} at byte {} is cut short", e, t, at));
            DfuseElement element;
            element.address = le32(image, at);
            std::uint32_t size = le32(image, at + 4);
            at += k_dfuse_element_header_length;
            if (size > end - at)
                return bad_file(fmt::format(
                    "DfuSe element {} of target {} says {} bytes, its target has {} left", e, t,
                    size, end - at));
            element.data = std::string(image.substr(at, size));
            at += size;
            target.elements.push_back(std::move(element));
        }
        if (at != end)
            return bad_file(
                fmt::format("DfuSe target {} has {} bytes its elements do not use", t, end - at));
        targets.push_back(std::move(target));
    }
    if (at != image.size())
        return bad_file(fmt::format("{} bytes after the last DfuSe target", image.size() - at));
    return targets;
}

}  // namespace

std::uint32_t dfu_crc32(std::string_view bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (char c : bytes)
        crc = k_crc_table[(crc ^ static_cast<std::uint8_t>(c)) & 0xFF] ^ (crc >> 8);
    return crc;
}

std::size_t FirmwareFile::data_size() const {
    if (format != ImageFormat::Dfuse) return payload.size();
    std::size_t size = 0;
    for (const auto& target : targets)
        for (const auto& element : target.elements)
            size += element.data.size();
    return size;
}

Result<FirmwareFile> parse_firmware_file(std::string_view bytes) {
    FirmwareFile file;
    std::string_view image = bytes;
    // The suffix is recognised by "UFD" (stored reversed) and a bLength of at least 16.
    if (bytes.size() >= k_suffix_length && bytes.substr(bytes.size() - 8, 3) == "UFD") {
        std::size_t length = byte_at(bytes, bytes.size() - 5);
        if (length < k_suffix_length || length > bytes.size())
            return bad_file(fmt::format("DFU suffix length {} does not fit a {}-byte file", length,
                                        bytes.size()));
        std::size_t base = bytes.size() - k_suffix_length;
        DfuSuffix suffix;
        suffix.bcd_device = le16(bytes, base);
        suffix.product_id = le16(bytes, base + 2);
        suffix.vendor_id = le16(bytes, base + 4);
        suffix.dfu_version = le16(bytes, base + 6);
        suffix.crc = le32(bytes, bytes.size() - 4);
        std::uint32_t computed = dfu_crc32(bytes.substr(0, bytes.size() - 4));
        if (computed != suffix.crc)
            return bad_file(
                fmt::format("DFU suffix CRC is 0x{:08X}, the file's is 0x{:08X}: the "
                            "file is damaged",
                            suffix.crc, computed));
        file.suffix = suffix;
        file.format = ImageFormat::Dfu;
        image = bytes.substr(0, bytes.size() - length);
    }
    if (image.starts_with("DfuSe")) {
        auto targets = parse_dfuse(image);
        if (!targets) return std::unexpected(targets.error());
        file.format = ImageFormat::Dfuse;
        file.targets = std::move(*targets);
        return file;
    }
    if (image.size() >= k_stellaris_prefix_length && byte_at(image, 0) == 0x01 &&
        byte_at(image, 1) == 0x00 && le32(image, 4) == image.size() - k_stellaris_prefix_length) {
        file.prefix = PrefixKind::Stellaris;
        file.prefix_address = static_cast<std::uint32_t>(le16(image, 2)) * 1024;
    } else if (image.size() >= k_lpc_prefix_length && (byte_at(image, 0) & 0x3F) == 0x1A &&
               (byte_at(image, 1) & 0x3F) == 0x3F) {
        file.prefix = PrefixKind::Lpc;
    }
    file.payload = std::string(image);
    return file;
}

std::string add_dfu_suffix(std::string_view payload, DfuSuffix ids) {
    std::string out(payload);
    put16(out, ids.bcd_device);
    put16(out, ids.product_id);
    put16(out, ids.vendor_id);
    put16(out, ids.dfu_version);
    out += "UFD";
    out += static_cast<char>(k_suffix_length);
    put32(out, dfu_crc32(out));
    return out;
}

std::string write_dfuse_file(const std::vector<DfuseTarget>& targets, DfuSuffix ids) {
    std::string body;
    for (const auto& target : targets) {
        std::string elements;
        for (const auto& element : target.elements) {
            put32(elements, element.address);
            put32(elements, static_cast<std::uint32_t>(element.data.size()));
            elements += element.data;
        }
        body += "Target";
        body += static_cast<char>(target.alt_setting);
        put32(body, target.name.empty() ? 0 : 1);
        std::string name = target.name.substr(0, 254);
        name.resize(255, '\0');
        body += name;
        put32(body, static_cast<std::uint32_t>(elements.size()));
        put32(body, static_cast<std::uint32_t>(target.elements.size()));
        body += elements;
    }
    std::string file = "DfuSe";
    file += '\x01';
    put32(file, static_cast<std::uint32_t>(k_dfuse_prefix_length + body.size()));
    file += static_cast<char>(targets.size());
    file += body;
    ids.dfu_version = 0x011A;
    return add_dfu_suffix(file, ids);
}

}  // namespace rs::firmware
