// `station devices list|watch`: which USB devices are there, which driver would take each.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include "cli_context.h"
#include "devices/scanner/scanner_models.h"
#include "devices/transport/device_tracker.h"
#include "devices/transport/usb_context.h"
#include "intake_output.h"
#include "station/scanner_config.h"

namespace rs::cli {
namespace {

std::atomic<bool> g_watch_stop{false};
extern "C" void on_watch_signal(int) {
    g_watch_stop = true;
}

std::string describe(const devices::UsbDeviceInfo& device) {
    std::string name = device.manufacturer.empty() && device.product.empty()
                           ? std::string()
                           : fmt::format(" \"{} {}\"", device.manufacturer, device.product);
    std::string line = fmt::format("{} at {}{}{}", device.vid_pid(), device.port_path, name,
                                   device.serial.empty() ? "" : " serial " + device.serial);
    if (const auto* model = devices::find_scanner_model(device.vendor_id, device.product_id))
        return line + fmt::format(": driver {} ({} {}; {})", model->driver, model->maker,
                                  model->model, model->source);
    return line + ": no driver (not a known scanner)";
}

}  // namespace

void add_devices_command(CLI::App& app, CliContext& context) {
    auto* command =
        app.add_subcommand("devices", "USB devices and the drivers that would take them");
    command->require_subcommand(1);

    auto* list =
        command->add_subcommand("list", "Every USB device, which driver would take it and why");
    list->callback([&context] {
        auto usb = devices::UsbContext::create();
        if (!usb) return context.report(usb.error());
        auto found = (*usb)->enumerate();
        if (!found) return context.report(found.error());
        if (found->empty()) {
            fmt::print("no USB devices found (no USB bus, or none plugged in)\n");
            return;
        }
        for (const auto& device : *found)
            fmt::print("{}\n", describe(device));
    });

    auto interval = std::make_shared<int>(1000);
    auto* watch = command->add_subcommand(
        "watch",
        "Print USB devices arriving and leaving, and what the configured scanners send, until "
        "Ctrl+C (rescans periodically)");
    watch->add_option("--interval-ms", *interval, "Time between rescans");
    watch->callback([&context, interval] {
        auto usb = devices::UsbContext::create();
        if (!usb) return context.report(usb.error());
        struct sigaction action {};
        action.sa_handler = on_watch_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
        // Periodic rescan works everywhere, including containers without udev where libusb
        // has no hotplug events.
        // The configured scanners too: their scans and states are printed as they come,
        // without intake, to see what a scanner really sends.
        const station::StationConfig* config = context.config();
        if (!config) return;
        auto scanners = station::parse_scanners_config(*config);
        if (!scanners) return context.report(scanners.error());
        std::mutex print_mutex;
        for (auto& scanner : scanners->scanners) {
            std::string source = scanner->source();
            devices::ScannerCallbacks callbacks{
                [&print_mutex](const Scan& scan) {
                    std::lock_guard lock(print_mutex);
                    fmt::print("scan: {} {}{}\n", scan.source, scan.symbology,
                               printable_scan(scan.text));
                    std::fflush(stdout);
                },
                [&print_mutex, source](const Error& error) {
                    std::lock_guard lock(print_mutex);
                    fmt::print("error: {} {}\n", source, error.describe());
                    std::fflush(stdout);
                },
                [&print_mutex, source](devices::ScannerState state) {
                    std::lock_guard lock(print_mutex);
                    fmt::print("scanner: {} {}\n", source, devices::scanner_state_name(state));
                    std::fflush(stdout);
                }};
            if (auto status = scanner->open(std::move(callbacks)); !status)
                context.report(status.error());
        }
        devices::DeviceTracker tracker;
        fmt::print(
            "watching USB devices (hotplug {}); Ctrl+C stops\n",
            (*usb)->has_hotplug() ? "available, rescanning anyway" : "unavailable: rescanning");
        std::fflush(stdout);
        while (!g_watch_stop) {
            auto found = (*usb)->enumerate();
            if (!found) {
                context.report(found.error());
            } else {
                std::lock_guard lock(print_mutex);
                for (const auto& change : tracker.update(*found))
                    fmt::print("{}: {}\n", devices::plug_event_name(change.event),
                               describe(change.device));
                std::fflush(stdout);
            }
            for (int waited = 0; waited < *interval && !g_watch_stop; waited += 50)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        for (auto& scanner : scanners->scanners)
            scanner->close();
    });
}

}  // namespace rs::cli
