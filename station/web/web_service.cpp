// WebService: turns what the station does into numbered events, and frees the bench when its
// person signs out or goes idle.
#include "station/web/web_service.h"

#include <fmt/format.h>

#include "common/logger.h"
#include "station/store/journal.h"
#include "station/sync/sync_status.h"

namespace rs::station {
namespace {
const Logger k_log("web");
}

Result<std::unique_ptr<WebService>> WebService::make(const StationConfig& config,
                                                     const std::string& store_path,
                                                     std::optional<int> port, bool demo) {
    auto web = parse_web_config(config);
    if (!web) return std::unexpected(web.error());
    if (!web->enabled) return std::unique_ptr<WebService>();
    if (port) web->port = *port;
    auto context = std::make_unique<WebContext>(config, *web);
    context->demo = demo;
    store::OpenOptions options;
    options.synchronous_full = config.durable_commits;
    auto store = StationStore::open(store_path, SystemClock::instance(), options);
    if (!store) return std::unexpected(store.error());
    context->store = std::move(*store);
    return std::unique_ptr<WebService>(new WebService(std::move(context)));
}

WebService::~WebService() {
    stop();
}

Status WebService::start() {
    auto last = last_audit_id(m_context->store->db());
    if (!last) return std::unexpected(last.error());
    m_audit_cursor = *last;
    auto server = WebServer::start(*m_context);
    if (!server) return std::unexpected(server.error());
    m_server = std::move(*server);
    m_stop = false;
    m_watcher = std::thread([this] { watch(); });
    return {};
}

void WebService::stop() {
    m_stop = true;
    if (m_watcher.joinable()) m_watcher.join();
    if (m_server) m_server->stop();
    m_server.reset();
}

std::string WebService::url() const {
    return m_server ? m_server->url() : "";
}

Status WebService::start_for(StationHost& host) {
    StationHost* running = &host;
    connect_host([running](StationEvent event) { running->post(std::move(event)); });
    return start();
}

void WebService::connect_host(std::function<void(StationEvent)> post) {
    m_context->post_to_host = std::move(post);
}

void WebService::publish(const std::string& type, Audience audience, nlohmann::json data) {
    m_context->hub.publish(type, audience, std::move(data), m_context->store->now_ms());
}

void WebService::watch() {
    int tick = 0;
    while (!m_stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (++tick % 3 != 0) continue;  // every 300 ms
        for (const auto& expired : m_context->sessions.expire(m_context->store->now_ms())) {
            if (expired.at_bench) seat_at_bench(*m_context, expired.bench, "");
            std::lock_guard lock(m_context->store_mutex);
            m_context->intake.erase(expired.token);
        }
        // Changes of repair orders and print jobs, whoever made them (this process, the command
        // line, the sync): the audit log has them all.
        Result<std::vector<AuditRecord>> records = [&] {
            std::lock_guard lock(m_context->store_mutex);
            return audit_after(m_context->store->db(), m_audit_cursor, 200);
        }();
        if (records) {
            for (const auto& record : *records) {
                m_audit_cursor = record.id;
                std::string type = record.action.rfind("print.", 0) == 0 ? "print"
                                   : !record.order_number.empty()        ? "order"
                                                                         : "audit";
                publish(type, Audience::Everyone,
                        {{"action", record.action},
                         {"order", record.order_number},
                         {"operator", record.operator_id},
                         {"from", record.from_state},
                         {"to", record.to_state}});
            }
        } else {
            k_log.warn("reading the audit log: {}", records.error().describe());
        }
        if (tick % 21 != 0) continue;  // the sync status every ~2 s
        Result<SyncStatus> status = [&] {
            std::lock_guard lock(m_context->store_mutex);
            return read_sync_status(*m_context->store);
        }();
        if (!status) continue;
        nlohmann::json summary = {{"pending", status->pending},
                                  {"held", status->held},
                                  {"rejected_total", status->rejected_total},
                                  {"last_push_ms", status->state_int("last_push_ms")},
                                  {"last_pull_ms", status->state_int("last_pull_ms")}};
        if (summary.dump() != m_sync_summary) {
            m_sync_summary = summary.dump();
            publish("sync", Audience::Everyone, summary);
        }
    }
}

void WebService::set_device(const std::string& source, const std::string& field,
                            nlohmann::json value) {
    nlohmann::json device;
    {
        std::lock_guard lock(m_context->devices_mutex);
        auto& entry = m_context->devices[source];
        if (entry.is_null()) entry = {{"source", source}, {"kind", "scanner"}};
        entry[field] = std::move(value);
        device = entry;
    }
    publish("device", Audience::Everyone, device);
}

void WebService::scanner_hosted(const ConfiguredScanner& scanner) {
    {
        std::lock_guard lock(m_context->devices_mutex);
        auto& entry = m_context->devices[scanner.scanner->source()];
        entry = {{"source", scanner.scanner->source()},
                 {"kind", "scanner"},
                 {"name", scanner.name},
                 {"role", scanner_role_name(scanner.role)},
                 {"state", "opening"}};
    }
    set_device(scanner.scanner->source(), "problem", "");
}

void WebService::scan_routed(const RoutedScan& routed) {
    publish_routed_scan(*m_context, routed, "");
}

void WebService::scanner_state(const std::string& source, devices::ScannerState state) {
    set_device(source, "state", devices::scanner_state_name(state));
}

void WebService::scanner_problem(const std::string& source, const Error& error) {
    set_device(source, "problem", error.message);
}

void WebService::message(const std::string& line) {
    publish("message", Audience::Everyone, {{"text", line}});
}

void WebService::problem(const Error& error) {
    publish("message", Audience::Everyone, {{"text", error.message}, {"problem", true}});
}

void TeeListener::scanner_hosted(const ConfiguredScanner& scanner) {
    m_first.scanner_hosted(scanner);
    if (m_second) m_second->scanner_hosted(scanner);
}
void TeeListener::scan_routed(const RoutedScan& routed) {
    m_first.scan_routed(routed);
    if (m_second) m_second->scan_routed(routed);
}
void TeeListener::scanner_state(const std::string& source, devices::ScannerState state) {
    m_first.scanner_state(source, state);
    if (m_second) m_second->scanner_state(source, state);
}
void TeeListener::scanner_problem(const std::string& source, const Error& error) {
    m_first.scanner_problem(source, error);
    if (m_second) m_second->scanner_problem(source, error);
}
void TeeListener::message(const std::string& line) {
    m_first.message(line);
    if (m_second) m_second->message(line);
}
void TeeListener::problem(const Error& error) {
    m_first.problem(error);
    if (m_second) m_second->problem(error);
}

}  // namespace rs::station
