// DfuDeviceInfo descriptions and the kinds of failed control transfers.
#include "devices/dfu/dfu_device.h"

#include <fmt/format.h>

namespace rs::devices::dfu {

std::string DfuDeviceInfo::describe() const {
    return fmt::format("{} at {}{} ({} mode, firmware {})", usb.vid_pid(),
                       usb.port_path.empty() ? "?" : usb.port_path,
                       usb.serial.empty() ? "" : " serial " + usb.serial,
                       dfu_mode ? "DFU" : "run-time", version());
}

TransferFailure transfer_failure_of(const Error& error) {
    if (error.where == "usb:stall") return TransferFailure::Stall;
    if (error.where == "usb:timeout") return TransferFailure::Timeout;
    if (error.where == "usb:gone") return TransferFailure::Gone;
    return TransferFailure::Other;
}

Error transfer_error(TransferFailure failure, std::string message) {
    switch (failure) {
        case TransferFailure::Stall:
            return {ErrorCode::Protocol, std::move(message), "usb:stall"};
        case TransferFailure::Timeout:
            return {ErrorCode::Timeout, std::move(message), "usb:timeout"};
        case TransferFailure::Gone:
            return {ErrorCode::Io, std::move(message), "usb:gone"};
        case TransferFailure::Other:
            break;
    }
    return {ErrorCode::Io, std::move(message), "usb"};
}

}  // namespace rs::devices::dfu
