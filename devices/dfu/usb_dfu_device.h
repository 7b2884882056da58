// UsbDfuDevice: a real device's DFU interface through libusb; finding DFU interfaces (class 0xFE,
// subclass 0x01) in run-time or DFU mode, and finding a device again after it re-enumerated.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "devices/dfu/dfu_device.h"
#include "devices/transport/usb_control.h"
#include "devices/transport/usb_interrupt_reader.h"

namespace rs::devices::dfu {

// The DFU interfaces of the described devices (the first alternate setting of each interface:
// DfuSe devices list one alternate setting per memory; `alt` picks another).
std::vector<DfuDeviceInfo> dfu_interfaces_of(const std::vector<UsbDeviceDescription>& devices);
// Every DFU interface on the machine's buses.
Result<std::vector<DfuDeviceInfo>> list_dfu_devices(UsbContext& context);

// True when `candidate` is `original` come back: same serial number and port path; the product
// id and address may differ (devices often have another product id in DFU mode).
bool same_physical_device(const UsbDeviceInfo& original, const UsbDeviceInfo& candidate);

class UsbDfuDevice final : public DfuDevice {
public:
    // The first device matching `match` (vendor:product, serial, port) with a DFU interface.
    static Result<std::unique_ptr<UsbDfuDevice>> open(std::shared_ptr<UsbContext> context,
                                                      const UsbMatch& match,
                                                      std::optional<std::uint8_t> alt = {});

    const DfuDeviceInfo& info() const override { return m_info; }
    Status control_out(const SetupPacket& setup, std::span<const std::uint8_t> data,
                       std::chrono::milliseconds timeout) override;
    Result<std::vector<std::uint8_t>> control_in(const SetupPacket& setup,
                                                 std::chrono::milliseconds timeout) override;
    Status reset() override;
    Status reopen(bool dfu_mode, std::chrono::milliseconds limit) override;

private:
    UsbDfuDevice(std::shared_ptr<UsbContext> context, DfuDeviceInfo info, UsbControlChannel channel)
        : m_context(std::move(context)), m_info(std::move(info)), m_channel(std::move(channel)) {}

    std::shared_ptr<UsbContext> m_context;
    DfuDeviceInfo m_info;
    std::optional<UsbControlChannel> m_channel;
};

}  // namespace rs::devices::dfu
