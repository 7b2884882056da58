// USB DFU 1.1 requests, replies and descriptors as bytes.
#include "devices/dfu/dfu_protocol.h"

#include <fmt/format.h>

namespace rs::devices::dfu {
namespace {

Error protocol_error(std::string message) {
    return Error{ErrorCode::Protocol, std::move(message), "dfu"};
}

SetupPacket class_request(bool in, Request request, std::uint16_t value, std::uint16_t interface,
                          std::uint16_t length) {
    return {in ? k_request_in : k_request_out, static_cast<std::uint8_t>(request), value, interface,
            length};
}

std::uint16_t le16(std::span<const std::uint8_t> bytes, std::size_t at) {
    return static_cast<std::uint16_t>(bytes[at] | (bytes[at + 1] << 8));
}

}  // namespace

const char* status_meaning(DeviceStatus status) {
    switch (status) {
        case DeviceStatus::Ok:
            return "no error condition is present";
        case DeviceStatus::ErrTarget:
            return "the file is not targeted for use by this device";
        case DeviceStatus::ErrFile:
            return "the file is for this device but fails some vendor-specific verification test";
        case DeviceStatus::ErrWrite:
            return "the device is unable to write memory";
        case DeviceStatus::ErrErase:
            return "the memory erase function failed";
        case DeviceStatus::ErrCheckErased:
            return "the memory erase check failed";
        case DeviceStatus::ErrProg:
            return "the program memory function failed";
        case DeviceStatus::ErrVerify:
            return "the programmed memory failed verification";
        case DeviceStatus::ErrAddress:
            return "cannot program memory due to a received address that is out of range";
        case DeviceStatus::ErrNotDone:
            return "received DFU_DNLOAD with wLength = 0, but the device does not think it has all "
                   "of the data yet";
        case DeviceStatus::ErrFirmware:
            return "the device's firmware is corrupt: it cannot return to run-time operations";
        case DeviceStatus::ErrVendor:
            return "a vendor-specific error";
        case DeviceStatus::ErrUsbReset:
            return "the device detected an unexpected USB reset";
        case DeviceStatus::ErrPowerOnReset:
            return "the device detected an unexpected power on reset";
        case DeviceStatus::ErrUnknown:
            return "something went wrong, but the device does not know what";
        case DeviceStatus::ErrStalledPacket:
            return "the device stalled an unexpected request";
    }
    return "an undefined status";
}

std::array<std::uint8_t, 8> SetupPacket::bytes() const {
    return {request_type,
            request,
            static_cast<std::uint8_t>(value & 0xFF),
            static_cast<std::uint8_t>(value >> 8),
            static_cast<std::uint8_t>(index & 0xFF),
            static_cast<std::uint8_t>(index >> 8),
            static_cast<std::uint8_t>(length & 0xFF),
            static_cast<std::uint8_t>(length >> 8)};
}

std::optional<SetupPacket> SetupPacket::parse(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != 8) return std::nullopt;
    return SetupPacket{bytes[0], bytes[1], le16(bytes, 2), le16(bytes, 4), le16(bytes, 6)};
}

SetupPacket detach_request(std::uint16_t interface, std::uint16_t timeout_ms) {
    return class_request(false, Request::Detach, timeout_ms, interface, 0);
}
SetupPacket download_request(std::uint16_t interface, std::uint16_t block, std::uint16_t length) {
    return class_request(false, Request::Download, block, interface, length);
}
SetupPacket upload_request(std::uint16_t interface, std::uint16_t block, std::uint16_t length) {
    return class_request(true, Request::Upload, block, interface, length);
}
SetupPacket get_status_request(std::uint16_t interface) {
    return class_request(true, Request::GetStatus, 0, interface, 6);
}
SetupPacket clear_status_request(std::uint16_t interface) {
    return class_request(false, Request::ClearStatus, 0, interface, 0);
}
SetupPacket get_state_request(std::uint16_t interface) {
    return class_request(true, Request::GetState, 0, interface, 1);
}
SetupPacket abort_request(std::uint16_t interface) {
    return class_request(false, Request::Abort, 0, interface, 0);
}

std::optional<Request> request_of(const SetupPacket& setup) {
    if (setup.request_type != k_request_in && setup.request_type != k_request_out)
        return std::nullopt;
    if (setup.request > static_cast<std::uint8_t>(Request::Abort)) return std::nullopt;
    auto request = static_cast<Request>(setup.request);
    // The direction is part of the request: an UPLOAD sent host-to-device is not an UPLOAD.
    bool in =
        request == Request::Upload || request == Request::GetStatus || request == Request::GetState;
    if (in != setup.device_to_host()) return std::nullopt;
    return request;
}

std::array<std::uint8_t, 6> StatusReply::bytes() const {
    return {static_cast<std::uint8_t>(status),
            static_cast<std::uint8_t>(poll_timeout_ms & 0xFF),
            static_cast<std::uint8_t>((poll_timeout_ms >> 8) & 0xFF),
            static_cast<std::uint8_t>((poll_timeout_ms >> 16) & 0xFF),
            static_cast<std::uint8_t>(state),
            string_index};
}

Result<StatusReply> parse_status_reply(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 6)
        return std::unexpected(protocol_error(fmt::format(
            "DFU_GETSTATUS reply has {} bytes, the specification says 6", bytes.size())));
    if (bytes[0] > static_cast<std::uint8_t>(DeviceStatus::ErrStalledPacket))
        return std::unexpected(protocol_error(
            fmt::format("DFU_GETSTATUS reply has undefined bStatus 0x{:02x}", bytes[0])));
    if (bytes[4] > static_cast<std::uint8_t>(State::Error))
        return std::unexpected(
            protocol_error(fmt::format("DFU_GETSTATUS reply has undefined bState {}", bytes[4])));
    StatusReply reply;
    reply.status = static_cast<DeviceStatus>(bytes[0]);
    reply.poll_timeout_ms =
        static_cast<std::uint32_t>(bytes[1] | (bytes[2] << 8) | (bytes[3] << 16));
    reply.state = static_cast<State>(bytes[4]);
    reply.string_index = bytes[5];
    return reply;
}

Result<State> parse_state_reply(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != 1)
        return std::unexpected(protocol_error(fmt::format(
            "DFU_GETSTATE reply has {} bytes, the specification says 1", bytes.size())));
    if (bytes[0] > static_cast<std::uint8_t>(State::Error))
        return std::unexpected(
            protocol_error(fmt::format("DFU_GETSTATE reply has undefined state {}", bytes[0])));
    return static_cast<State>(bytes[0]);
}

std::vector<std::uint8_t> FunctionalDescriptor::bytes() const {
    std::uint8_t attributes =
        static_cast<std::uint8_t>((can_download ? 0x01 : 0) | (can_upload ? 0x02 : 0) |
                                  (manifestation_tolerant ? 0x04 : 0) | (will_detach ? 0x08 : 0));
    return {9,
            k_functional_descriptor_type,
            attributes,
            static_cast<std::uint8_t>(detach_timeout_ms & 0xFF),
            static_cast<std::uint8_t>(detach_timeout_ms >> 8),
            static_cast<std::uint8_t>(transfer_size & 0xFF),
            static_cast<std::uint8_t>(transfer_size >> 8),
            static_cast<std::uint8_t>(dfu_version & 0xFF),
            static_cast<std::uint8_t>(dfu_version >> 8)};
}

Result<FunctionalDescriptor> parse_functional_descriptor(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < 7 || bytes[0] < 7 || bytes[0] > bytes.size())
        return std::unexpected(protocol_error(
            fmt::format("DFU functional descriptor too short ({} bytes)", bytes.size())));
    if (bytes[1] != k_functional_descriptor_type)
        return std::unexpected(protocol_error(fmt::format(
            "descriptor type 0x{:02x} is not a DFU functional descriptor (0x21)", bytes[1])));
    FunctionalDescriptor descriptor;
    descriptor.can_download = (bytes[2] & 0x01) != 0;
    descriptor.can_upload = (bytes[2] & 0x02) != 0;
    descriptor.manifestation_tolerant = (bytes[2] & 0x04) != 0;
    descriptor.will_detach = (bytes[2] & 0x08) != 0;
    descriptor.detach_timeout_ms = le16(bytes, 3);
    descriptor.transfer_size = le16(bytes, 5);
    descriptor.dfu_version = bytes[0] >= 9 ? le16(bytes, 7) : 0x0100;
    if (descriptor.transfer_size == 0)
        return std::unexpected(protocol_error("DFU functional descriptor says wTransferSize 0"));
    return descriptor;
}

Result<std::optional<FunctionalDescriptor>> find_functional_descriptor(
    std::span<const std::uint8_t> extra) {
    std::size_t at = 0;
    while (at < extra.size()) {
        std::size_t length = extra[at];
        if (length < 2 || at + length > extra.size())
            return std::unexpected(protocol_error(fmt::format(
                "malformed descriptor at byte {} of the interface's extra descriptors", at)));
        if (extra[at + 1] == k_functional_descriptor_type) {
            auto parsed = parse_functional_descriptor(extra.subspan(at, length));
            if (!parsed) return std::unexpected(parsed.error());
            return std::optional<FunctionalDescriptor>(*parsed);
        }
        at += length;
    }
    return std::optional<FunctionalDescriptor>();
}

std::string bcd_version(std::uint16_t bcd) {
    int major = ((bcd >> 12) & 0xF) * 10 + ((bcd >> 8) & 0xF);
    return fmt::format("{}.{}.{}", major, (bcd >> 4) & 0xF, bcd & 0xF);
}

}  // namespace rs::devices::dfu
