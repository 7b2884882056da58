// StationHost: the services of `station run`, built from the configuration: the bench's scanners
// (configured and plugged in), scan routing to intake, the print queue and the platform sync.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "station/app/service.h"
#include "station/printing/print_service.h"
#include "station/scanning/scan_router.h"
#include "station/scanning/scanner_host.h"
#include "station/scanning/usb_auto_host.h"
#include "station/store/config.h"
#include "station/store/station_store.h"

namespace rs::station {

// What the host tells whoever shows it (the terminal of `station run`, later the web UI). Called
// on the thread that runs the host.
class HostListener {
public:
    virtual ~HostListener() = default;
    virtual void scanner_hosted(const ConfiguredScanner& scanner) = 0;
    virtual void scan_routed(const RoutedScan& routed) = 0;
    virtual void scanner_state(const std::string& source, devices::ScannerState state) = 0;
    // A scanner (or the USB watcher) reported trouble: a garbled report, a read error.
    virtual void scanner_problem(const std::string& source, const Error& error) = 0;
    // A line from a background service (a printer's job changed) or from the host itself.
    virtual void message(const std::string& line) = 0;
    // Something went wrong that the station survives (a scanner that would not open...).
    virtual void problem(const Error& error) = 0;
};

struct HostOptions {
    std::string store_path;
    std::string operator_id;  // who scans until a badge says otherwise; empty: scan a badge
    bool until_idle = false;  // stop once every (simulated) scanner and printer is done
    // People sign in with badge + PIN (the web UI): a scanned badge alone does not.
    bool badges_need_pin = false;
    // False for a center's server (`station server`): no scanners of its own; the bench
    // agents bring the scans of theirs.
    bool host_scanners = true;
};

class StationHost {
public:
    // Checks the configuration, starts sync and printing, hosts the configured scanners and,
    // unless told not to, known USB scanners as they are plugged in. `store` stays the caller's
    // and must outlive the host.
    static Result<std::unique_ptr<StationHost>> start(const StationConfig& config,
                                                      StationStore& store,
                                                      const HostOptions& options,
                                                      HostListener& listener);
    ~StationHost();
    StationHost(const StationHost&) = delete;
    StationHost& operator=(const StationHost&) = delete;

    std::size_t scanner_count() const { return m_scanners.size(); }
    bool takes_usb_scanners() const { return m_usb_auto_host != nullptr; }

    // Hands an event to the host's thread from any thread (the web UI signs a person in).
    void post(StationEvent event) { m_queue.push(std::move(event)); }

    // Handles events until `stop_requested` says so (checked every 100 ms), or with until_idle
    // until everything is done; then stops every service, handling what was already accepted.
    // An error only when the store failed.
    Status run(const std::function<bool()>& stop_requested);

private:
    StationHost(const StationConfig& config, StationStore& store, HostListener& listener,
                HostOptions options);
    Status start_services();
    Status host_scanners();
    Status handle(StationEvent& event);
    void stop_services();

    StationConfig m_config;  // its own copy: every intake session started later reads it
    StationStore& m_store;
    HostListener& m_listener;
    HostOptions m_options;
    EventQueue m_queue;
    ScannerHost m_scanners{m_queue};
    std::unique_ptr<ScanRouter> m_router;
    std::unique_ptr<Service> m_sync;
    std::unique_ptr<Service> m_backups;  // [store] backup_dir
    std::unique_ptr<PrintService> m_printing;
    std::unique_ptr<UsbAutoHost> m_usb_auto_host;
};

}  // namespace rs::station
