// `station devices list|watch`: which USB devices are there, which driver would take each.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "devices/scanner/known_usb_scanner.h"
#include "devices/scanner/scanner_models.h"
#include "station/cli/cli_context.h"
#include "station/cli/intake_output.h"
#include "station/cli/stop_signal.h"
#include "station/orders/firmware_flash.h"
#include "station/scanning/device_watch.h"

namespace rs::cli {
namespace {

// A device that is no known scanner: a label printer when it has a printer interface.
std::string describe_printer(const devices::UsbDeviceInfo& device,
                             const std::vector<devices::UsbPrinterFound>& printers) {
    const devices::UsbPrinterFound* found = nullptr;
    for (const auto& printer : printers)
        if (printer.device.bus == device.bus && printer.device.address == device.address)
            found = &printer;
    if (!found) return ": no driver (not a known scanner or printer)";
    if (!found->probe)
        return fmt::format(": printer interface, no answer: {}", found->probe.error().message);
    const devices::UsbPrinterProbe& probe = *found->probe;
    std::string what =
        probe.model ? fmt::format("{} {} dpi", probe.model->model, probe.model->dpi)
                    : fmt::format("{} {}, not in our model table", probe.maker, probe.model_text);
    if (!probe.zpl)
        return fmt::format(": printer {} ({}): speaks no ZPL, the station cannot use it", what,
                           probe.device_id);
    return fmt::format(": printer usb ({}; 1284 id \"{}\")\n    configure: uri = \"{}\"", what,
                       probe.device_id, probe.uri);
}

std::string describe(const devices::UsbDeviceInfo& device,
                     const std::vector<devices::UsbPrinterFound>& printers) {
    std::string name = device.manufacturer.empty() && device.product.empty()
                           ? std::string()
                           : fmt::format(" \"{} {}\"", device.manufacturer, device.product);
    std::string line = fmt::format("{} at {}{}{}", device.vid_pid(), device.port_path, name,
                                   device.serial.empty() ? "" : " serial " + device.serial);
    const auto* model = devices::find_scanner_model(device.vendor_id, device.product_id);
    if (!model) return line + describe_printer(device, printers);
    line += fmt::format(": driver {} ({} {}; {})", model->driver, model->maker, model->model,
                        model->source);
    // What to write in [[scanners.device]] to host it (docs/hardware.md).
    auto known = devices::known_usb_scanner(device);
    if (!known)
        return line + "\n    configure: driver = \"serial\", path = \"/dev/serial/by-id/...\"";
    const devices::UsbMatch& match = known->options.match;
    return line +
           fmt::format(
               "\n    configure: driver = \"usb\", path = \"{}\", {}{}", device.vid_pid(),
               match.serial.empty() ? fmt::format("port = \"{}\"", match.port_path)
                                    : fmt::format("serial = \"{}\"", match.serial),
               known->options.hid_pos_layout.empty()
                   ? ""
                   : fmt::format(", hid_pos_layout = \"{}\"", known->options.hid_pos_layout));
}

}  // namespace

void add_devices_command(CLI::App& app, CliContext& context) {
    auto* command =
        app.add_subcommand("devices", "USB devices and the drivers that would take them");
    command->require_subcommand(1);

    auto* list =
        command->add_subcommand("list", "Every USB device, which driver would take it and why");
    list->callback([&context] {
        auto found = station::list_usb_devices();
        if (!found) return context.report(found.error());
        if (found->empty()) {
            fmt::print("no USB devices found (no USB bus, or none plugged in)\n");
            return;
        }
        // Devices with a DFU interface, and what the firmware catalog would flash on them.
        // The catalog is read only where a store already is: listing never makes one.
        std::unique_ptr<station::StationStore> store;
        std::unique_ptr<firmware::FirmwareCatalog> catalog;
        if (std::filesystem::exists(context.store_path()) && (store = context.open_store()))
            catalog = std::make_unique<firmware::FirmwareCatalog>(
                store->db(), station::firmware_image_dir(context.store_path()), store->clock());
        auto dfu = station::dfu_devices_with_catalog(catalog.get());
        if (!dfu) return context.report(dfu.error());
        auto printers = station::list_usb_printers();
        if (!printers) return context.report(printers.error());
        for (const auto& device : *found) {
            fmt::print("{}\n", describe(device, *printers));
            for (const auto& summary : *dfu)
                if (summary.info.usb.bus == device.bus &&
                    summary.info.usb.address == device.address)
                    fmt::print("    {}\n", summary.describe());
        }
    });

    auto interval = std::make_shared<int>(1000);
    auto* watch = command->add_subcommand(
        "watch",
        "Print USB devices arriving and leaving, and what the configured scanners send, until "
        "Ctrl+C (hotplug events where libusb has them, and a periodic rescan)");
    watch->add_option("--interval-ms", *interval, "Time between rescans")
        ->check(CLI::Range(50, 3600000));
    watch->callback([&context, interval] {
        // The configured scanners too: their scans and states are printed as they come,
        // without intake, to see what a scanner really sends.
        const station::StationConfig* config = context.config();
        if (!config) return;
        auto scanners = station::parse_scanners_config(*config);
        if (!scanners) return context.report(scanners.error());
        auto print_line = [](const std::string& line) {
            fmt::print("{}\n", line);
            std::fflush(stdout);
        };
        station::DeviceWatchCallbacks callbacks{
            [&context](const Error& error) { context.report(error); },
            [&](bool hotplug_events) {
                print_line(fmt::format(
                    "watching USB devices ({}, rescan every {} ms); Ctrl+C stops",
                    hotplug_events ? "hotplug events" : "no hotplug events here", *interval));
            },
            [&](const devices::PlugChange& change) {
                // A printer that arrives is asked for its 1284 id; one that left cannot be.
                std::vector<devices::UsbPrinterFound> printers;
                if (change.event != devices::PlugEvent::Left)
                    if (auto found = station::list_usb_printers()) printers = std::move(*found);
                print_line(fmt::format("{}: {}", devices::plug_event_name(change.event),
                                       describe(change.device, printers)));
            },
            [&](const Scan& scan) {
                print_line(fmt::format("scan: {} {}{}", scan.source, scan.symbology,
                                       printable_scan(scan.text)));
            },
            [&](const std::string& source, devices::ScannerState state) {
                print_line(
                    fmt::format("scanner: {} {}", source, devices::scanner_state_name(state)));
            },
            [&](const std::string& source, const Error& error) {
                print_line(fmt::format("error: {}{}", source.empty() ? "" : source + " ",
                                       error.describe()));
            }};
        catch_stop_signals();
        if (auto watched =
                station::watch_devices(scanners->scanners, std::chrono::milliseconds(*interval),
                                       stop_requested, callbacks);
            !watched)
            context.report(watched.error());
    });
}

}  // namespace rs::cli
