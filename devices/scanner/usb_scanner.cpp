// UsbScanner: claim, read, notice unplug, look again (at a hotplug event or periodically) until
// the same scanner is back.
#include "devices/scanner/usb_scanner.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "common/clock.h"
#include "common/logger.h"
#include "devices/scanner/hid_descriptor_protocol.h"

namespace rs::devices {
namespace {
const Logger k_log("scanner");
constexpr int k_poll_ms = 50;
}  // namespace

UsbScanner::UsbScanner(std::shared_ptr<UsbContext> context, UsbScannerOptions options)
    : ThreadedScanner(fmt::format("usb:{:04x}:{:04x}{}", options.match.vendor_id,
                                  options.match.product_id,
                                  options.match.serial.empty() ? "" : "/" + options.match.serial)),
      m_context(std::move(context)),
      m_options(std::move(options)),
      m_decoder(m_options.hid_pos_layout.empty() ? nullptr
                                                 : find_hid_pos_layout(m_options.hid_pos_layout),
                m_options.keyboard) {}

UsbScanner::~UsbScanner() {
    close();
}

void UsbScanner::deliver(std::vector<Result<Scan>> results) {
    for (auto& result : results) {
        if (result) {
            result->source = m_source;
            if (m_callbacks.on_scan) m_callbacks.on_scan(*result);
        } else if (m_callbacks.on_error) {
            m_callbacks.on_error(result.error());
        }
    }
}

void UsbScanner::on_report(std::span<const std::uint8_t> report) {
    std::int64_t now = SystemClock::instance().now_ms();
    std::vector<Result<Scan>> results;
    {
        std::lock_guard lock(m_decode_mutex);
        results = m_decoder.feed(report, now);
    }
    deliver(std::move(results));
}

// The configuration says keyboard or HID POS; the interface's report descriptor says what the
// scanner is really set to. A mismatch would only give garbage, so it is said plainly.
void UsbScanner::check_interface_kind(UsbInterruptReader& reader) {
    constexpr std::uint8_t k_standard_interface = 0x01;  // bmRequestType: standard, interface
    constexpr std::uint8_t k_get_descriptor = 0x06;
    constexpr std::uint16_t k_report_descriptor = 0x2200;  // HID 1.11 section 7.1.1
    auto descriptor =
        reader.control_in(k_standard_interface, k_get_descriptor, k_report_descriptor,
                          static_cast<std::uint16_t>(reader.interface_number()), 4096, 1000);
    if (!descriptor) {
        k_log.warn("{}: cannot read the HID report descriptor: {}", m_source,
                   descriptor.error().message);
        return;
    }
    auto applications = parse_hid_report_descriptor(*descriptor);
    if (!applications) {
        k_log.warn("{}: {}", m_source, applications.error().message);
        return;
    }
    HidInterfaceKind found = hid_interface_kind(*applications);
    HidInterfaceKind expected =
        m_options.hid_pos_layout.empty() ? HidInterfaceKind::Keyboard : HidInterfaceKind::HidPos;
    if (found != expected && m_callbacks.on_error)
        m_callbacks.on_error(
            {ErrorCode::Invalid,
             fmt::format("{} says it is a {} interface but is configured as {}: set "
                         "hid_pos_layout (HID POS) or leave it empty (keyboard) to match, or "
                         "change the scanner's USB mode",
                         m_source, hid_interface_kind_name(found),
                         hid_interface_kind_name(expected)),
             "scanner"});
}

void UsbScanner::run() {
    HotplugRegistration hotplug = m_context->watch_hotplug([this] { m_plug_changed = true; });
    k_log.debug("{}: {}", m_source,
                hotplug.active() ? "hotplug events and periodic rescan" : "periodic rescan only");
    UsbInterruptReader reader(*m_context);
    bool reported_absent = false;
    int waited_ms = m_options.rescan_interval_ms;  // look at once on start
    while (!m_stop) {
        if (reader.is_open() && m_gone) {
            reader.close();
            set_state(ScannerState::Disconnected);
        }
        bool look_now = m_plug_changed.exchange(false) || waited_ms >= m_options.rescan_interval_ms;
        if (!reader.is_open() && look_now) {
            waited_ms = 0;
            m_gone = false;
            auto opened = reader.open(
                m_options.match, m_options.interface_number,
                [this](std::span<const std::uint8_t> report) { on_report(report); },
                [this](const Error& error) {
                    m_gone = true;
                    if (m_callbacks.on_error) m_callbacks.on_error(error);
                });
            if (!opened) {
                set_state(ScannerState::Disconnected);  // before the error: callers see both
                if (!reported_absent && m_callbacks.on_error) m_callbacks.on_error(opened.error());
                reported_absent = true;
            } else {
                reported_absent = false;
                set_state(ScannerState::Connected);
                check_interface_kind(reader);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(k_poll_ms));
        waited_ms += k_poll_ms;
        std::vector<Result<Scan>> expired;
        {
            std::lock_guard lock(m_decode_mutex);
            expired = m_decoder.expire(SystemClock::instance().now_ms(), m_options.code_timeout_ms);
        }
        deliver(std::move(expired));
    }
    reader.close();
}

}  // namespace rs::devices
