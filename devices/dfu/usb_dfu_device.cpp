// UsbDfuDevice: DFU class requests as libusb control transfers on the claimed DFU interface.
#include "devices/dfu/usb_dfu_device.h"

#include <fmt/format.h>

#include <thread>

#include "common/logger.h"

namespace rs::devices::dfu {
namespace {

const Logger k_log("dfu");

Result<UsbControlChannel> open_channel(UsbContext& context, const DfuDeviceInfo& info) {
    return UsbControlChannel::open(context, info.usb.bus, info.usb.address, info.interface_number,
                                   info.alt_setting);
}

}  // namespace

std::vector<DfuDeviceInfo> dfu_interfaces_of(const std::vector<UsbDeviceDescription>& devices) {
    std::vector<DfuDeviceInfo> found;
    for (const auto& device : devices) {
        for (const auto& interface : device.interfaces) {
            if (interface.interface_class != k_interface_class ||
                interface.subclass != k_interface_subclass)
                continue;
            DfuDeviceInfo info;
            info.usb = device.info;
            info.bcd_device = device.bcd_device;
            info.interface_number = interface.number;
            info.alt_setting = interface.alt_setting;
            info.dfu_mode = interface.protocol == k_protocol_dfu_mode;
            info.interface_name = interface.name;
            auto functional = find_functional_descriptor(interface.extra);
            if (!functional || !*functional) {
                // Some devices put the functional descriptor after the configuration's other
                // interfaces; without one we know no transfer size and leave the device alone.
                k_log.warn("{}: DFU interface {} without a usable functional descriptor",
                           device.info.vid_pid(), interface.number);
                continue;
            }
            info.functional = **functional;
            found.push_back(std::move(info));
            break;  // one entry per device: its first DFU interface
        }
    }
    return found;
}

Result<std::vector<DfuDeviceInfo>> list_dfu_devices(UsbContext& context) {
    auto described = describe_usb_devices(context);
    if (!described) return std::unexpected(described.error());
    return dfu_interfaces_of(*described);
}

bool same_physical_device(const UsbDeviceInfo& original, const UsbDeviceInfo& candidate) {
    if (candidate.vendor_id != original.vendor_id) return false;
    if (!original.serial.empty() && candidate.serial != original.serial) return false;
    if (!original.port_path.empty() && candidate.port_path != original.port_path) return false;
    return !original.serial.empty() || !original.port_path.empty();
}

Result<std::unique_ptr<UsbDfuDevice>> UsbDfuDevice::open(std::shared_ptr<UsbContext> context,
                                                         const UsbMatch& match,
                                                         std::optional<std::uint8_t> alt) {
    auto described = describe_usb_devices(*context);
    if (!described) return std::unexpected(described.error());
    for (const auto& device : *described) {
        if (!match.matches(device.info)) continue;
        for (auto info : dfu_interfaces_of({device})) {
            if (alt) info.alt_setting = *alt;
            auto channel = open_channel(*context, info);
            if (!channel) return std::unexpected(channel.error());
            return std::unique_ptr<UsbDfuDevice>(
                new UsbDfuDevice(context, std::move(info), std::move(*channel)));
        }
        return fail(ErrorCode::Unsupported,
                    fmt::format("USB device {} at {} has no DFU interface", device.info.vid_pid(),
                                device.info.port_path),
                    "dfu");
    }
    return fail(
        ErrorCode::NotFound,
        fmt::format("no USB device {:04x}:{:04x}{} is plugged in", match.vendor_id,
                    match.product_id, match.serial.empty() ? "" : " with serial " + match.serial),
        "dfu");
}

Status UsbDfuDevice::control_out(const SetupPacket& setup, std::span<const std::uint8_t> data,
                                 std::chrono::milliseconds timeout) {
    if (!m_channel)
        return std::unexpected(transfer_error(TransferFailure::Gone, "the device is not open"));
    return m_channel->control_out(setup.request_type, setup.request, setup.value, setup.index, data,
                                  static_cast<unsigned>(timeout.count()));
}

Result<std::vector<std::uint8_t>> UsbDfuDevice::control_in(const SetupPacket& setup,
                                                           std::chrono::milliseconds timeout) {
    if (!m_channel) return std::unexpected(transfer_error(TransferFailure::Gone, "not open"));
    return m_channel->control_in(setup.request_type, setup.request, setup.value, setup.index,
                                 setup.length, static_cast<unsigned>(timeout.count()));
}

Status UsbDfuDevice::reset() {
    if (!m_channel)
        return std::unexpected(transfer_error(TransferFailure::Gone, "the device is not open"));
    auto status = m_channel->reset();
    // After a reset a DFU device usually comes back as another device: this handle is spent.
    m_channel.reset();
    return status;
}

Status UsbDfuDevice::reopen(bool dfu_mode, std::chrono::milliseconds limit) {
    m_channel.reset();
    auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        auto described = describe_usb_devices(*m_context);
        if (!described) return std::unexpected(described.error());
        for (const auto& info : dfu_interfaces_of(*described)) {
            if (info.dfu_mode != dfu_mode || !same_physical_device(m_info.usb, info.usb)) continue;
            auto channel = open_channel(*m_context, info);
            if (!channel) break;  // udev may not have set its permissions yet: try again
            m_info = info;
            m_channel = std::move(*channel);
            return {};
        }
        if (std::chrono::steady_clock::now() > deadline)
            return fail(
                ErrorCode::NotFound,
                fmt::format("{} did not come back in {} mode within {} ms", m_info.describe(),
                            dfu_mode ? "DFU" : "run-time", limit.count()),
                "dfu");
        // Every 10 ms: a device re-enumerates in tens of milliseconds, and
        // a coarser look would add its own wait to every detach and restart of a flash.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

}  // namespace rs::devices::dfu
