// DfuDevice: the control pipe of one device with a DFU interface, the one interface that the USB
// device (libusb) and the simulated device both implement, and that the driver speaks DFU over.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/dfu/dfu_protocol.h"
#include "devices/transport/usb_device_info.h"

namespace rs::devices::dfu {

// What enumeration tells about a device's DFU interface.
struct DfuDeviceInfo {
    UsbDeviceInfo usb;  // ids, serial and port path: the identity that survives re-enumeration
    std::uint16_t bcd_device = 0;       // the device's release number: many report their firmware
    std::uint8_t interface_number = 0;  // the DFU interface
    std::uint8_t alt_setting = 0;
    bool dfu_mode = false;  // protocol 2 (DFU mode) rather than 1 (run-time)
    FunctionalDescriptor functional;
    std::string interface_name;  // iInterface; DfuSe devices put their memory layout there
    // "0483:df11 at 1-2 serial 3276 (DFU mode)"
    std::string describe() const;
    std::string version() const { return bcd_version(bcd_device); }
};

// A control transfer failed: STALL means the device refused the request (DFU devices then
// report why through DFU_GETSTATUS); Gone means it left the bus.
enum class TransferFailure { Stall, Timeout, Gone, Other };
TransferFailure transfer_failure_of(const Error& error);
// The Error's `where` marks the kind, so that callers can tell them apart without parsing text.
Error transfer_error(TransferFailure failure, std::string message);

class DfuDevice {
public:
    virtual ~DfuDevice() = default;
    virtual const DfuDeviceInfo& info() const = 0;
    // Host-to-device request with its data stage (empty for none).
    virtual Status control_out(const SetupPacket& setup, std::span<const std::uint8_t> data,
                               std::chrono::milliseconds timeout) = 0;
    // Device-to-host request; up to setup.length bytes come back.
    virtual Result<std::vector<std::uint8_t>> control_in(const SetupPacket& setup,
                                                         std::chrono::milliseconds timeout) = 0;
    // A USB bus reset of the device (DFU 1.1 section 5.1: how a detached device enters DFU mode
    // and how a manifested one starts its new firmware).
    virtual Status reset() = 0;
    // After a detach or a reset the device leaves the bus and comes back, possibly with another
    // product id and address: waits up to `limit` for a device with the same serial number and
    // port path and a DFU interface (`dfu_mode`: in DFU mode, else in run-time mode), and opens
    // it. NotFound when it did not come back.
    virtual Status reopen(bool dfu_mode, std::chrono::milliseconds limit) = 0;
};

}  // namespace rs::devices::dfu
