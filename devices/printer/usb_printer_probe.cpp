// probe_usb_printer: GET_DEVICE_ID on the device's printer interface, matched to the model table.
#include "devices/printer/usb_printer_probe.h"

#include "devices/printer/ieee1284.h"
#include "devices/transport/device_uri.h"
#include "devices/transport/usb_bulk.h"
#include "devices/transport/usb_control.h"

namespace rs::devices {

Result<std::optional<UsbPrinterProbe>> probe_usb_printer(UsbContext& context,
                                                         const UsbDeviceInfo& device,
                                                         unsigned timeout_ms) {
    // Serial number when there is one, else the port chain: both survive a re-plug.
    UsbMatch match{device.vendor_id, device.product_id, device.serial,
                   device.serial.empty() ? device.port_path : std::string()};
    auto channel = UsbBulkChannel::open(context, match);
    if (!channel) {
        if (channel.error().code == ErrorCode::Unsupported) return std::nullopt;
        return std::unexpected(channel.error());
    }
    auto id = channel->device_id(timeout_ms);
    if (!id) return std::unexpected(id.error());
    auto fields = parse_device_id(*id);
    UsbPrinterProbe probe;
    probe.device_id = *id;
    probe.maker = fields["MFG"];  // parse_device_id folds MANUFACTURER and MODEL to these
    probe.model_text = fields["MDL"];
    probe.model = find_printer_model(probe.model_text);
    probe.zpl = !fields.contains("CMD") || speaks_zpl(fields);
    DeviceUri uri;
    uri.scheme = "usb";
    uri.usb = match;
    probe.uri = uri.to_string();
    return probe;
}

Result<std::vector<UsbPrinterFound>> find_usb_printers(UsbContext& context) {
    constexpr std::uint8_t k_printer_class = 7;
    auto described = describe_usb_devices(context);
    if (!described) return std::unexpected(described.error());
    std::vector<UsbPrinterFound> found;
    for (const auto& device : *described) {
        bool printer = false;
        for (const auto& interface : device.interfaces)
            printer = printer || interface.interface_class == k_printer_class;
        if (!printer) continue;
        auto probe = probe_usb_printer(context, device.info);
        if (!probe)
            found.push_back({device.info, std::unexpected(probe.error())});
        else if (*probe)
            found.push_back({device.info, std::move(**probe)});
    }
    return found;
}

}  // namespace rs::devices
