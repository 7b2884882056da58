// `station run`: the long-running station process hosting the scanners of the bench.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "cli_context.h"
#include "devices/scanner/simulated_scanner.h"
#include "station/scanning/scan_router.h"
#include "station/scanning/scanner_host.h"
#include "station/printing/print_service.h"
#include "station/scanning/scanner_config.h"
#include "station/sync/sync_worker.h"
#include "station/scanning/usb_auto_host.h"
#include "stop_signal.h"

namespace rs::cli {
namespace {

struct RunOptions {
    std::string operator_id;
    bool until_idle = false;
};

// --until-idle waits for every scanner to finish, which only simulated ones do.
Status check_until_idle(const station::ScannersConfig& scanners) {
    for (const auto& configured : scanners.scanners)
        if (!dynamic_cast<const devices::SimulatedScanner*>(configured.scanner.get()))
            return fail(ErrorCode::Invalid,
                        fmt::format("--until-idle needs simulated scanners only: scanner \"{}\" "
                                    "is a real one and never finishes; stop with Ctrl+C instead",
                                    configured.name),
                        "run");
    return {};
}

// Known USB scanners plugged in while the station runs, unless the configuration says no.
// `configured`: the USB devices configured entries take, which it leaves to them.
Result<std::unique_ptr<station::UsbAutoHost>> start_usb_auto_host(
    std::vector<devices::UsbMatch> configured, EventQueue& queue) {
    auto shared = devices::UsbContext::shared();
    if (!shared) return std::unexpected(shared.error());
    std::shared_ptr<devices::UsbContext> usb = *shared;
    auto host = std::make_unique<station::UsbAutoHost>(
        usb, [usb] { return usb->enumerate(); }, std::move(configured), 1000,
        [&queue](station::ConfiguredScanner scanner) {
            queue.push(ScannerArrivedEvent{std::move(scanner)});
        },
        [&queue](const Error& error) {
            queue.push(ScannerErrorEvent{"usb", error});
        });
    host->start();
    fmt::print("station run: known USB scanners are taken when plugged in ({})\n",
               host->has_hotplug_events() ? "hotplug events" : "rescanning every second");
    return host;
}

void print_hosted(const station::ConfiguredScanner& configured) {
    fmt::print("{} ({}): {}\n", configured.name, station::scanner_role_name(configured.role),
               configured.scanner->source());
}

// Everything but scans: plug states, read errors, scanners arriving, printers' news.
void handle_device_event(StationEvent& event, ScannerHost& host, CliContext& context) {
    if (auto* state = std::get_if<ScannerStateEvent>(&event)) {
        // Unplugging is reported and survived: the driver reopens when it is back.
        fmt::print("{}: {}\n", state->source, devices::scanner_state_name(state->state));
    } else if (auto* error = std::get_if<ScannerErrorEvent>(&event)) {
        fmt::print("{}: {}\n", error->source, error->error.describe());
    } else if (auto* message = std::get_if<StationMessageEvent>(&event)) {
        fmt::print("{}\n", message->text);
    } else if (auto* arrived = std::get_if<ScannerArrivedEvent>(&event)) {
        print_hosted(arrived->scanner);
        if (auto status = host.host(std::move(arrived->scanner)); !status)
            context.report(status.error());
    }
}

void run_station(CliContext& context, const RunOptions& options) {
    const station::StationConfig* config = context.config();
    if (!config) return;
    auto scanners = station::parse_scanners_config(*config);
    if (!scanners) return context.report(scanners.error());
    bool auto_usb = scanners->auto_usb && !options.until_idle;
    if (scanners->scanners.empty() && !auto_usb)
        return context.report({ErrorCode::Invalid,
                               "no scanner configured: add a [[scanners.device]] entry to the "
                               "configuration, or let the station take known USB scanners "
                               "([scanners] auto_usb = true; see docs/configuration.md)",
                               "run"});
    if (options.until_idle)
        if (auto checked = check_until_idle(*scanners); !checked)
            return context.report(checked.error());
    std::string operator_id = options.operator_id;
    if (operator_id.empty())
        if (const char* from_env = std::getenv("STATION_OPERATOR")) operator_id = from_env;
    if (operator_id.empty()) operator_id = scanners->operator_id;

    auto store = context.open_store();
    if (!store) return;
    catch_stop_signals();
    EventQueue queue;
    // With a [platform] section, the outbox drains and RMAs arrive in the background.
    auto sync = station::make_sync_service(*config, context.store_path());
    if (!sync) return context.report(sync.error());
    if (*sync)
        if (auto started = (*sync)->start(); !started) return context.report(started.error());
    // With [[printers.device]] entries, queued labels print in the background.
    store::OpenOptions open_options;
    open_options.synchronous_full = config->durable_commits;
    auto printing = station::make_print_service(
        *config, context.store_path(), open_options,
        [&queue](const std::string& line) { queue.push(StationMessageEvent{line}); });
    if (!printing) return context.report(printing.error());
    if (*printing)
        if (auto started = (*printing)->start(); !started) return context.report(started.error());
    station::PrintService* print_service = printing->get();
    ScanRouter router(*store, context, [print_service] {
        if (print_service) print_service->nudge();
    });
    if (!operator_id.empty())
        if (auto logged_in = router.log_in(operator_id); !logged_in)
            return context.report(logged_in.error());

    ScannerHost host(queue);
    auto configured_usb = station::configured_usb_matches(*scanners);  // before they move
    for (auto& configured : scanners->scanners) {
        print_hosted(configured);
        if (auto status = host.host(std::move(configured)); !status) context.report(status.error());
    }
    std::unique_ptr<station::UsbAutoHost> usb_auto_host;
    if (auto_usb) {
        auto started = start_usb_auto_host(std::move(configured_usb), queue);
        if (!started) return context.report(started.error());
        usb_auto_host = std::move(*started);
    }
    fmt::print("station run: {} scanner(s) started; Ctrl+C stops\n", host.size());
    std::fflush(stdout);

    bool failed = false;
    auto handle = [&](StationEvent& event) {
        if (auto* scan = std::get_if<ScanEvent>(&event)) {
            if (auto routed = router.route(*scan); !routed) {
                context.report(routed.error());
                failed = true;
            }
        } else {
            handle_device_event(event, host, context);
        }
        std::fflush(stdout);
    };
    while (!stop_requested() && !failed) {
        auto event = queue.pop(std::chrono::milliseconds(100));
        if (event)
            handle(*event);
        else if (options.until_idle && host.all_finished() &&
                 (!print_service || print_service->idle()))
            break;
    }
    if (usb_auto_host) usb_auto_host->stop();
    host.close_all();
    // Drain what arrived before the drivers stopped: an accepted scan is never lost.
    while (!failed) {
        auto event = queue.pop(std::chrono::milliseconds(0));
        if (!event) break;
        if (std::holds_alternative<ScanEvent>(*event) ||
            std::holds_alternative<StationMessageEvent>(*event))
            handle(*event);
    }
    if (*printing) (*printing)->stop();
    if (*sync) (*sync)->stop();
    // What the printers said while stopping.
    while (auto event = queue.pop(std::chrono::milliseconds(0)))
        if (auto* message = std::get_if<StationMessageEvent>(&*event))
            fmt::print("{}\n", message->text);
    fmt::print("station run: stopped\n");
}

}  // namespace

void add_run_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<RunOptions>();
    auto* command = app.add_subcommand(
        "run",
        "Run the station: host the scanners of the configuration ([scanners]) and known USB "
        "scanners as they are plugged in, send every scan where its scanner's role says "
        "(intake or lookup) and print it live; print queued labels ([[printers.device]]) and "
        "sync with the platform ([platform]) in the background; stops on Ctrl+C or SIGTERM");
    command->add_option("--operator", options->operator_id,
                        "Badge of who is scanning (or STATION_OPERATOR, or [scanners] operator, "
                        "or scan a badge first)");
    command->add_flag("--until-idle", options->until_idle,
                      "Stop once every scanner has finished and the printers have sent what they "
                      "can: simulated scanners end their script; real scanners never finish, so "
                      "this is for scripts and tests (USB scanners are not taken automatically "
                      "then)");
    command->callback([&context, options] { run_station(context, *options); });
}

}  // namespace rs::cli
