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
    : m_context(std::move(context)),
      m_options(std::move(options)),
      m_source(fmt::format("usb:{:04x}:{:04x}{}", m_options.match.vendor_id,
                           m_options.match.product_id,
                           m_options.match.serial.empty() ? "" : "/" + m_options.match.serial)),
      m_keyboard(m_options.keyboard) {
    if (!m_options.hid_pos_layout.empty())
        if (const auto* layout = find_hid_pos_layout(m_options.hid_pos_layout))
            m_hid_pos = std::make_unique<HidPosDecoder>(*layout);
}

UsbScanner::~UsbScanner() {
    close();
}

void UsbScanner::set_state(ScannerState state) {
    if (m_state.exchange(state) == state) return;
    k_log.info("{} {}", m_source, scanner_state_name(state));
    if (m_callbacks.on_state) m_callbacks.on_state(state);
}

Status UsbScanner::open(ScannerCallbacks callbacks) {
    if (m_thread.joinable())
        return fail(ErrorCode::Conflict, m_source + " is already open", "scanner");
    m_callbacks = std::move(callbacks);
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    return {};
}

void UsbScanner::close() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    m_state = ScannerState::Closed;
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
