// WebService: the web UI inside `station run`: the server, the events it pushes (from the
// station host, the audit log and the sync status) and the bench's sign-in.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "station/app/service.h"
#include "station/app/station_host.h"
#include "station/web/web_api.h"
#include "station/web/web_server.h"

namespace rs::station {

class WebService : public Service, public HostListener {
public:
    // Null when [web] enabled = false. Opens its own connection to the store.
    static Result<std::unique_ptr<WebService>> make(const StationConfig& config,
                                                    const std::string& store_path,
                                                    std::optional<int> port, bool demo);
    ~WebService() override;

    const char* name() const override { return "web"; }
    Status start() override;
    void stop() override;
    std::string url() const;
    WebContext& context() { return *m_context; }

    // Where sign-ins at the bench go (the host's event queue); until then they wait unsent.
    void connect_host(std::function<void(StationEvent)> post);
    // Connects the sign-ins to `host`'s event queue, then serves: `station run` and `station
    // server` start it so. `host` must outlive the service's stop().
    Status start_for(StationHost& host);

    // HostListener: each becomes an event of the WebSocket.
    void scanner_hosted(const ConfiguredScanner& scanner) override;
    void scan_routed(const RoutedScan& routed) override;
    void scanner_state(const std::string& source, devices::ScannerState state) override;
    void scanner_problem(const std::string& source, const Error& error) override;
    void message(const std::string& line) override;
    void problem(const Error& error) override;

private:
    explicit WebService(std::unique_ptr<WebContext> context) : m_context(std::move(context)) {}
    void watch();  // the watcher thread: idle sessions, the audit log, the sync status
    void publish(const std::string& type, Audience audience, nlohmann::json data);
    void set_device(const std::string& source, const std::string& field, nlohmann::json value);

    std::unique_ptr<WebContext> m_context;
    std::unique_ptr<WebServer> m_server;
    std::atomic<bool> m_stop{false};
    std::thread m_watcher;
    std::int64_t m_audit_cursor = 0;
    std::string m_sync_summary;
};

// Both of them hear everything the host says (the terminal of `station run` and the web UI).
class TeeListener : public HostListener {
public:
    TeeListener(HostListener& first, HostListener* second) : m_first(first), m_second(second) {}
    void scanner_hosted(const ConfiguredScanner& scanner) override;
    void scan_routed(const RoutedScan& routed) override;
    void scanner_state(const std::string& source, devices::ScannerState state) override;
    void scanner_problem(const std::string& source, const Error& error) override;
    void message(const std::string& line) override;
    void problem(const Error& error) override;

private:
    HostListener& m_first;
    HostListener* m_second;
};

}  // namespace rs::station
