// UsbScanner: claim, read, notice unplug, rescan until the same scanner is back.
#include "devices/scanner/usb_scanner.h"

#include <fmt/format.h>

#include <chrono>

#include "common/clock.h"
#include "common/logger.h"

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
      m_keyboard(m_options.keyboard) {
    if (!m_options.hid_pos_layout.empty())
        if (const auto* layout = find_hid_pos_layout(m_options.hid_pos_layout))
            m_hid_pos = std::make_unique<HidPosDecoder>(*layout);
}

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
        if (m_hid_pos) {
            if (auto result = m_hid_pos->feed(report, now)) results.push_back(std::move(*result));
        } else {
            results = m_keyboard.feed_report(report, now);
        }
    }
    deliver(std::move(results));
}

void UsbScanner::run() {
    UsbInterruptReader reader(*m_context);
    bool reported_absent = false;
    int waited_ms = m_options.rescan_interval_ms;  // look at once on start
    while (!m_stop) {
        if (reader.is_open() && m_gone) {
            reader.close();
            set_state(ScannerState::Disconnected);
        }
        if (!reader.is_open() && waited_ms >= m_options.rescan_interval_ms) {
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
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(k_poll_ms));
        waited_ms += k_poll_ms;
        std::vector<Result<Scan>> expired;
        {
            std::lock_guard lock(m_decode_mutex);
            if (auto error =
                    m_keyboard.expire(SystemClock::instance().now_ms(), m_options.code_timeout_ms))
                expired.push_back(std::unexpected(*error));
        }
        deliver(std::move(expired));
    }
    reader.close();
}

}  // namespace rs::devices
