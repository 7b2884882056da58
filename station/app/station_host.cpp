// StationHost: starting, running and stopping the services of one bench.
#include "station/app/station_host.h"

#include <fmt/format.h>

#include <chrono>

#include "devices/scanner/simulated_scanner.h"
#include "station/app/daily_backups.h"
#include "station/scanning/scanner_config.h"
#include "station/sync/sync_worker.h"

namespace rs::station {
namespace {

// until_idle waits for every scanner to finish, which only simulated ones do.
Status check_until_idle(const ScannersConfig& scanners) {
    for (const auto& configured : scanners.scanners)
        if (!dynamic_cast<const devices::SimulatedScanner*>(configured.scanner.get()))
            return fail(ErrorCode::Invalid,
                        fmt::format("--until-idle needs simulated scanners only: scanner \"{}\" "
                                    "is a real one and never finishes; stop with Ctrl+C instead",
                                    configured.name),
                        "run");
    return {};
}

// Known USB scanners plugged in while the station runs. `configured`: the USB devices that
// configured entries take, which it leaves to them.
Result<std::unique_ptr<UsbAutoHost>> start_usb_auto_host(std::vector<devices::UsbMatch> configured,
                                                         EventQueue& queue) {
    auto shared = devices::UsbContext::shared();
    if (!shared) return std::unexpected(shared.error());
    std::shared_ptr<devices::UsbContext> usb = *shared;
    auto host = std::make_unique<UsbAutoHost>(
        usb, [usb] { return usb->enumerate(); }, std::move(configured), 1000,
        [&queue](ConfiguredScanner scanner) {
            queue.push(ScannerArrivedEvent{std::move(scanner)});
        },
        [&queue](const Error& error) {
            queue.push(ScannerErrorEvent{"usb", error});
        });
    host->start();
    return host;
}

}  // namespace

StationHost::StationHost(const StationConfig& config, StationStore& store, HostListener& listener,
                         HostOptions options)
    : m_config(config), m_store(store), m_listener(listener), m_options(std::move(options)) {}

StationHost::~StationHost() {
    stop_services();
}

Result<std::unique_ptr<StationHost>> StationHost::start(const StationConfig& config,
                                                        StationStore& store,
                                                        const HostOptions& options,
                                                        HostListener& listener) {
    std::unique_ptr<StationHost> host(new StationHost(config, store, listener, options));
    if (auto started = host->start_services(); !started) return std::unexpected(started.error());
    if (!options.host_scanners) return host;
    if (auto hosted = host->host_scanners(); !hosted) return std::unexpected(hosted.error());
    return host;
}

Status StationHost::start_services() {
    const StationConfig& config = m_config;
    // With a [platform] section, the outbox drains and RMAs arrive in the background.
    auto sync = make_sync_service(config, m_options.store_path);
    if (!sync) return std::unexpected(sync.error());
    m_sync = std::move(*sync);
    if (m_sync)
        if (auto started = m_sync->start(); !started) return started;
    // With [[printers.device]] entries, queued labels print in the background.
    store::OpenOptions open_options;
    open_options.synchronous_full = config.durable_commits;
    auto printing = make_print_service(
        config, m_options.store_path, open_options,
        [this](const std::string& line) { m_queue.push(StationMessageEvent{line}); });
    if (!printing) return std::unexpected(printing.error());
    m_printing = std::move(*printing);
    if (m_printing)
        if (auto started = m_printing->start(); !started) return started;
    if (!config.backup_dir.empty()) {
        m_backups = std::make_unique<DailyBackups>(
            config, m_options.store_path,
            [this](const std::string& line) { m_queue.push(StationMessageEvent{line}); });
        if (auto started = m_backups->start(); !started) return started;
    }
    PrintService* print_service = m_printing.get();
    m_router = std::make_unique<ScanRouter>(
        [this](const std::string& operator_id) {
            return start_intake(m_store, m_config, operator_id);
        },
        [print_service] {
            if (print_service) print_service->nudge();
        });
    return {};
}

Status StationHost::host_scanners() {
    auto scanners = parse_scanners_config(m_config);
    if (!scanners) return std::unexpected(scanners.error());
    bool auto_usb = scanners->auto_usb && !m_options.until_idle;
    if (scanners->scanners.empty() && !auto_usb)
        return fail(ErrorCode::Invalid,
                    "no scanner configured: add a [[scanners.device]] entry to the "
                    "configuration, or let the station take known USB scanners "
                    "([scanners] auto_usb = true; see docs/configuration.md)",
                    "run");
    if (m_options.until_idle)
        if (auto checked = check_until_idle(*scanners); !checked) return checked;
    m_router->require_pin(m_options.badges_need_pin);
    if (m_options.operator_id.empty()) m_options.operator_id = scanners->operator_id;
    if (!m_options.operator_id.empty())
        if (auto logged_in = m_router->log_in(m_options.operator_id); !logged_in) return logged_in;

    auto configured_usb = configured_usb_matches(*scanners);  // before they move
    for (auto& configured : scanners->scanners) {
        m_listener.scanner_hosted(configured);
        if (auto status = m_scanners.host(std::move(configured)); !status)
            m_listener.problem(status.error());
    }
    if (auto_usb) {
        auto started = start_usb_auto_host(std::move(configured_usb), m_queue);
        if (!started) return std::unexpected(started.error());
        m_usb_auto_host = std::move(*started);
        m_listener.message(fmt::format(
            "station run: known USB scanners are taken when plugged in ({})",
            m_usb_auto_host->has_hotplug_events() ? "hotplug events" : "rescanning every second"));
    }
    return {};
}

Status StationHost::handle(StationEvent& event) {
    if (auto* scan = std::get_if<ScanEvent>(&event)) {
        auto routed = m_router->route(*scan);
        if (!routed) return std::unexpected(routed.error());
        m_listener.scan_routed(*routed);
    } else if (auto* state = std::get_if<ScannerStateEvent>(&event)) {
        // Unplugging is reported and survived: the driver reopens when it is back.
        m_listener.scanner_state(state->source, state->state);
    } else if (auto* error = std::get_if<ScannerErrorEvent>(&event)) {
        m_listener.scanner_problem(error->source, error->error);
    } else if (auto* message = std::get_if<StationMessageEvent>(&event)) {
        m_listener.message(message->text);
    } else if (auto* bench = std::get_if<BenchOperatorEvent>(&event)) {
        if (bench->operator_id.empty()) {
            m_router->log_out();
        } else if (auto logged_in = m_router->log_in(bench->operator_id); !logged_in) {
            m_listener.problem(logged_in.error());
        }
    } else if (auto* arrived = std::get_if<ScannerArrivedEvent>(&event)) {
        m_listener.scanner_hosted(arrived->scanner);
        if (auto status = m_scanners.host(std::move(arrived->scanner)); !status)
            m_listener.problem(status.error());
    }
    return {};
}

Status StationHost::run(const std::function<bool()>& stop_requested) {
    Status outcome;
    while (outcome && !stop_requested()) {
        auto event = m_queue.pop(std::chrono::milliseconds(100));
        if (event)
            outcome = handle(*event);
        else if (m_options.until_idle && m_scanners.all_finished() &&
                 (!m_printing || m_printing->idle()))
            break;
    }
    if (m_usb_auto_host) m_usb_auto_host->stop();
    m_scanners.close_all();
    // Handle what arrived before the drivers stopped: an accepted scan is never lost.
    while (outcome) {
        auto event = m_queue.pop(std::chrono::milliseconds(0));
        if (!event) break;
        if (std::holds_alternative<ScanEvent>(*event) ||
            std::holds_alternative<StationMessageEvent>(*event))
            outcome = handle(*event);
    }
    stop_services();
    // What the printers said while stopping.
    while (auto event = m_queue.pop(std::chrono::milliseconds(0)))
        if (auto* message = std::get_if<StationMessageEvent>(&*event))
            m_listener.message(message->text);
    return outcome;
}

void StationHost::stop_services() {
    if (m_usb_auto_host) m_usb_auto_host->stop();
    m_scanners.close_all();
    if (m_printing) m_printing->stop();
    if (m_sync) m_sync->stop();
    if (m_backups) m_backups->stop();
}

}  // namespace rs::station
