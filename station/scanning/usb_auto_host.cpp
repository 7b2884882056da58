// UsbAutoHost: plug changes, filtered through the scanner table and the configuration.
#include "station/scanning/usb_auto_host.h"

#include <fmt/format.h>

#include "devices/scanner/known_usb_scanner.h"

namespace rs::station {

UsbAutoHost::UsbAutoHost(std::shared_ptr<devices::UsbContext> context,
                         devices::UsbPlugMonitor::ListDevices list,
                         std::vector<devices::UsbMatch> configured, int rescan_interval_ms,
                         OnScanner on_scanner, OnError on_error)
    : m_context(std::move(context)),
      m_configured(std::move(configured)),
      m_on_scanner(std::move(on_scanner)),
      m_monitor(
          m_context, std::chrono::milliseconds(rescan_interval_ms),
          [this](const std::vector<devices::PlugChange>& changes) { on_changes(changes); },
          std::move(on_error), std::move(list)) {}

UsbAutoHost::~UsbAutoHost() {
    stop();
}

void UsbAutoHost::start() {
    m_monitor.start();
}

void UsbAutoHost::stop() {
    m_monitor.stop();
}

bool UsbAutoHost::configured(const devices::UsbDeviceInfo& device) const {
    for (const auto& match : m_configured)
        if (match.matches(device)) return true;
    return false;
}

void UsbAutoHost::on_changes(const std::vector<devices::PlugChange>& changes) {
    for (const auto& change : changes) {
        if (change.event == devices::PlugEvent::Left) continue;
        const std::string identity = change.device.identity();
        if (m_handed_over.contains(identity) || configured(change.device)) continue;
        auto known = devices::known_usb_scanner(change.device);
        if (!known) continue;
        m_handed_over.insert(identity);
        ConfiguredScanner scanner;
        scanner.name = fmt::format("{} {}", known->model->maker, known->model->model);
        scanner.role = ScannerRole::Intake;
        scanner.scanner = std::make_unique<devices::UsbScanner>(m_context, known->options);
        m_on_scanner(std::move(scanner));
    }
}

}  // namespace rs::station
