// USB DFU 1.1 as pure functions: the class requests as setup packets, the states and status
// codes, GETSTATUS replies and the DFU functional descriptor (USB Device Firmware Upgrade
// Specification, Revision 1.1, sections 3, 4.1.3, 6.1 and 6.2). No I/O: fuzzed and tested from
// the specification's byte sequences.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/enum_names.h"
#include "common/error.h"

namespace rs::devices::dfu {

// The interface class and subclass of every DFU interface (run-time or DFU mode); the protocol
// byte says which mode (4.2.1 and 4.1.1).
inline constexpr std::uint8_t k_interface_class = 0xFE;
inline constexpr std::uint8_t k_interface_subclass = 0x01;
inline constexpr std::uint8_t k_protocol_runtime = 0x01;
inline constexpr std::uint8_t k_protocol_dfu_mode = 0x02;
// bDescriptorType of the DFU functional descriptor (4.1.3).
inline constexpr std::uint8_t k_functional_descriptor_type = 0x21;

// bRequest codes (table 3.2).
enum class Request : std::uint8_t {
    Detach = 0,
    Download = 1,
    Upload = 2,
    GetStatus = 3,
    ClearStatus = 4,
    GetState = 5,
    Abort = 6,
};
constexpr auto enum_names(Request) {
    using enum Request;
    return std::to_array<EnumName<Request>>({{Detach, "DFU_DETACH"},
                                             {Download, "DFU_DNLOAD"},
                                             {Upload, "DFU_UPLOAD"},
                                             {GetStatus, "DFU_GETSTATUS"},
                                             {ClearStatus, "DFU_CLRSTATUS"},
                                             {GetState, "DFU_GETSTATE"},
                                             {Abort, "DFU_ABORT"}});
}

// bState (6.1.2).
enum class State : std::uint8_t {
    AppIdle = 0,
    AppDetach = 1,
    DfuIdle = 2,
    DnloadSync = 3,
    DnBusy = 4,
    DnloadIdle = 5,
    ManifestSync = 6,
    Manifest = 7,
    ManifestWaitReset = 8,
    UploadIdle = 9,
    Error = 10,
};
constexpr auto enum_names(State) {
    using enum State;
    return std::to_array<EnumName<State>>({{AppIdle, "appIDLE"},
                                           {AppDetach, "appDETACH"},
                                           {DfuIdle, "dfuIDLE"},
                                           {DnloadSync, "dfuDNLOAD-SYNC"},
                                           {DnBusy, "dfuDNBUSY"},
                                           {DnloadIdle, "dfuDNLOAD-IDLE"},
                                           {ManifestSync, "dfuMANIFEST-SYNC"},
                                           {Manifest, "dfuMANIFEST"},
                                           {ManifestWaitReset, "dfuMANIFEST-WAIT-RESET"},
                                           {UploadIdle, "dfuUPLOAD-IDLE"},
                                           {Error, "dfuERROR"}});
}

// bStatus (6.1.2).
enum class DeviceStatus : std::uint8_t {
    Ok = 0x00,
    ErrTarget = 0x01,
    ErrFile = 0x02,
    ErrWrite = 0x03,
    ErrErase = 0x04,
    ErrCheckErased = 0x05,
    ErrProg = 0x06,
    ErrVerify = 0x07,
    ErrAddress = 0x08,
    ErrNotDone = 0x09,
    ErrFirmware = 0x0A,
    ErrVendor = 0x0B,
    ErrUsbReset = 0x0C,
    ErrPowerOnReset = 0x0D,
    ErrUnknown = 0x0E,
    ErrStalledPacket = 0x0F,
};
constexpr auto enum_names(DeviceStatus) {
    using enum DeviceStatus;
    return std::to_array<EnumName<DeviceStatus>>({{Ok, "OK"},
                                                  {ErrTarget, "errTARGET"},
                                                  {ErrFile, "errFILE"},
                                                  {ErrWrite, "errWRITE"},
                                                  {ErrErase, "errERASE"},
                                                  {ErrCheckErased, "errCHECK_ERASED"},
                                                  {ErrProg, "errPROG"},
                                                  {ErrVerify, "errVERIFY"},
                                                  {ErrAddress, "errADDRESS"},
                                                  {ErrNotDone, "errNOTDONE"},
                                                  {ErrFirmware, "errFIRMWARE"},
                                                  {ErrVendor, "errVENDOR"},
                                                  {ErrUsbReset, "errUSBR"},
                                                  {ErrPowerOnReset, "errPOR"},
                                                  {ErrUnknown, "errUNKNOWN"},
                                                  {ErrStalledPacket, "errSTALLEDPKT"}});
}
// What the status means, in the specification's words (table in 6.1.2).
const char* status_meaning(DeviceStatus status);

// A control request as the eight bytes of its setup stage (USB 2.0 section 9.3).
struct SetupPacket {
    std::uint8_t request_type = 0;  // bmRequestType
    std::uint8_t request = 0;       // bRequest
    std::uint16_t value = 0;        // wValue
    std::uint16_t index = 0;        // wIndex: the DFU interface number
    std::uint16_t length = 0;       // wLength
    bool device_to_host() const { return (request_type & 0x80) != 0; }
    std::array<std::uint8_t, 8> bytes() const;  // little-endian as on the wire
    static std::optional<SetupPacket> parse(std::span<const std::uint8_t> bytes);
    bool operator==(const SetupPacket&) const = default;
};

// Class requests to an interface: 0x21 host-to-device, 0xA1 device-to-host (3.0).
inline constexpr std::uint8_t k_request_out = 0x21;
inline constexpr std::uint8_t k_request_in = 0xA1;

SetupPacket detach_request(std::uint16_t interface, std::uint16_t timeout_ms);
SetupPacket download_request(std::uint16_t interface, std::uint16_t block, std::uint16_t length);
SetupPacket upload_request(std::uint16_t interface, std::uint16_t block, std::uint16_t length);
SetupPacket get_status_request(std::uint16_t interface);
SetupPacket clear_status_request(std::uint16_t interface);
SetupPacket get_state_request(std::uint16_t interface);
SetupPacket abort_request(std::uint16_t interface);
// The request a setup packet carries, when it is a DFU class request to an interface.
std::optional<Request> request_of(const SetupPacket& setup);

// The six bytes a device answers DFU_GETSTATUS with (6.1.2).
struct StatusReply {
    DeviceStatus status = DeviceStatus::Ok;
    std::uint32_t poll_timeout_ms = 0;  // bwPollTimeout: 24 bits, the least wait before the next
    State state = State::DfuIdle;
    std::uint8_t string_index = 0;  // iString: a vendor's description of the status
    std::array<std::uint8_t, 6> bytes() const;
};
// Protocol error for a short reply or a state or status the specification does not define.
Result<StatusReply> parse_status_reply(std::span<const std::uint8_t> bytes);
// DFU_GETSTATE's one byte.
Result<State> parse_state_reply(std::span<const std::uint8_t> bytes);

// The DFU functional descriptor (4.1.3, table 4.2).
struct FunctionalDescriptor {
    bool can_download = false;                // bitCanDnload
    bool can_upload = false;                  // bitCanUpload
    bool manifestation_tolerant = false;      // bitManifestationTolerant: stays on the bus after
    bool will_detach = false;                 // bitWillDetach: detaches itself on DFU_DETACH
    std::uint16_t detach_timeout_ms = 0;      // wDetachTimeOut
    std::uint16_t transfer_size = 0;          // wTransferSize: bytes per DNLOAD / UPLOAD at most
    std::uint16_t dfu_version = 0x0100;       // bcdDFUVersion; 0x011A is ST's DfuSe
    std::vector<std::uint8_t> bytes() const;  // nine bytes (DFU 1.1)
    bool is_dfuse() const { return dfu_version == 0x011A; }
};
// One descriptor; DFU 1.0 devices send seven bytes (no bcdDFUVersion): read as version 1.0.
Result<FunctionalDescriptor> parse_functional_descriptor(std::span<const std::uint8_t> bytes);
// The functional descriptor among the descriptors that follow an interface descriptor (libusb's
// `extra` bytes), or nullopt when there is none. Protocol error for malformed descriptors.
Result<std::optional<FunctionalDescriptor>> find_functional_descriptor(
    std::span<const std::uint8_t> extra);

// bcdDevice as a version string: 0x0241 is "2.4.1" (USB 2.0 table 9-8: JJ.M.N).
std::string bcd_version(std::uint16_t bcd);

}  // namespace rs::devices::dfu
