// The DFU driver table: libusb devices by URI, the simulator by its settings.
#include "devices/dfu/dfu_factory.h"

#include <fmt/format.h>

#include <charconv>

#include "devices/dfu/usb_dfu_device.h"
#include "devices/transport/device_uri.h"

namespace rs::devices::dfu {
namespace {

Error invalid(std::string_view address, std::string why) {
    return Error{ErrorCode::Invalid, fmt::format("DFU device \"{}\": {}", address, why), "dfu"};
}

template <class T>
bool number(std::string_view text, T& value, int base = 10) {
    std::from_chars_result result;
    if constexpr (std::is_floating_point_v<T>)
        result = std::from_chars(text.data(), text.data() + text.size(), value);
    else
        result = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

Result<std::unique_ptr<DfuDevice>> make_usb(std::string_view address) {
    auto uri = parse_device_uri(address);
    if (!uri) return std::unexpected(uri.error());
    auto context = UsbContext::shared();
    if (!context) return std::unexpected(context.error());
    auto device = UsbDfuDevice::open(*context, uri->usb);
    if (!device) return std::unexpected(device.error());
    return std::unique_ptr<DfuDevice>(std::move(*device));
}

Result<std::unique_ptr<DfuDevice>> make_simulated(std::string_view address) {
    auto options = parse_simulated_dfu(address);
    if (!options) return std::unexpected(options.error());
    return std::unique_ptr<DfuDevice>(std::make_unique<SimulatedDfuDevice>(std::move(*options)));
}

constexpr DfuDriverRow k_drivers[] = {
    {"usb", "a USB device with a DFU interface: usb://VID:PID?serial=...&port=...", make_usb},
    {"sim", "the simulated DFU device: sim:?version=1.0.0&fault=stall&block=3 ...", make_simulated},
};

}  // namespace

std::span<const DfuDriverRow> dfu_drivers() {
    return k_drivers;
}

Result<std::unique_ptr<DfuDevice>> make_dfu_device(std::string_view address) {
    auto colon = address.find(':');
    std::string_view scheme = address.substr(0, colon);
    for (const auto& driver : k_drivers)
        if (colon != std::string_view::npos && driver.scheme == scheme) return driver.make(address);
    std::string known;
    for (const auto& driver : k_drivers)
        known += fmt::format("{}{}", known.empty() ? "" : "; ", driver.description);
    return std::unexpected(invalid(address, "unknown kind of device: use " + known));
}

Result<SimulatedDfuOptions> parse_simulated_dfu(std::string_view address) {
    if (!address.starts_with("sim:")) return std::unexpected(invalid(address, "not sim:"));
    SimulatedDfuOptions options;
    std::string_view query = address.substr(4);
    while (query.starts_with('/'))
        query.remove_prefix(1);
    if (query.starts_with('?')) query.remove_prefix(1);
    std::string version = "1.0.0";
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos)
            return std::unexpected(invalid(address, fmt::format("\"{}\" is not key=value", pair)));
        std::string_view key = pair.substr(0, eq);
        std::string_view value = pair.substr(eq + 1);
        bool ok = true;
        auto flag = [&](bool& field) {
            ok = value == "0" || value == "1";
            field = value == "1";
        };
        if (key == "serial")
            options.serial = value;
        else if (key == "port")
            options.port_path = value;
        else if (key == "vid")
            ok = number(value, options.vendor_id, 16);
        else if (key == "pid")
            ok = number(value, options.runtime_product_id, 16);
        else if (key == "dfu_pid")
            ok = number(value, options.dfu_product_id, 16);
        else if (key == "version")
            version = value;
        else if (key == "mode") {
            ok = value == "runtime" || value == "dfu";
            options.start_in_dfu_mode = value == "dfu";
        } else if (key == "transfer") {
            ok = number(value, options.functional.transfer_size) &&
                 options.functional.transfer_size > 0;
        } else if (key == "poll_ms")
            ok = number(value, options.poll_timeout_ms);
        else if (key == "rate")
            ok = number(value, options.link_bytes_per_second);
        else if (key == "upload")
            flag(options.functional.can_upload);
        else if (key == "tolerant")
            flag(options.functional.manifestation_tolerant);
        else if (key == "detach")
            flag(options.functional.will_detach);
        else if (key == "dfuse")
            flag(options.dfuse);
        else if (key == "fault") {
            auto fault = parse_enum<SimulatedFault>(value);
            ok = fault.has_value();
            if (fault) options.fault = *fault;
        } else if (key == "block")
            ok = number(value, options.fault_block);
        else if (key == "status") {
            auto status = parse_enum<DeviceStatus>(value);
            ok = status.has_value() && *status != DeviceStatus::Ok;
            if (status) options.fault_status = *status;
        } else if (key == "slow_poll_ms")
            ok = number(value, options.slow_poll_ms);
        else
            return std::unexpected(invalid(address, fmt::format("unknown setting \"{}\"", key)));
        if (!ok)
            return std::unexpected(
                invalid(address, fmt::format("bad value \"{}\" for {}", value, key)));
    }
    if (!bcd_of_version(version))
        return std::unexpected(invalid(
            address, fmt::format("version \"{}\" does not fit bcdDevice (JJ.M.N)", version)));
    options.firmware = "RSFW-VERSION=" + version + "\n";
    return options;
}

}  // namespace rs::devices::dfu
