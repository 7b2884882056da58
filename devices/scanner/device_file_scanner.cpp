// Device-node scanners: one read loop (open, grab, poll, reopen) and two decoders.
#include "devices/scanner/device_file_scanner.h"

#include <chrono>

#include "common/clock.h"
#include "common/logger.h"
#include "devices/transport/device_file.h"

namespace rs::devices {
namespace {
const Logger k_log("scanner");
constexpr int k_poll_ms = 50;
constexpr int k_reopen_ms = 1000;
}  // namespace

DeviceFileScanner::DeviceFileScanner(std::string source, std::string path, bool grab)
    : ThreadedScanner(std::move(source)), m_path(std::move(path)), m_grab(grab) {}

DeviceFileScanner::~DeviceFileScanner() {
    close();
}

void DeviceFileScanner::run() {
    DeviceFile file;
    std::uint8_t buffer[1024];
    bool reported_absent = false;
    while (!m_stop) {
        if (!file.is_open()) {
            auto opened = DeviceFile::open(m_path, m_grab);
            if (!opened) {
                if (!reported_absent && m_callbacks.on_error) m_callbacks.on_error(opened.error());
                reported_absent = true;
                set_state(ScannerState::Disconnected);
                for (int waited = 0; waited < k_reopen_ms && !m_stop; waited += k_poll_ms)
                    std::this_thread::sleep_for(std::chrono::milliseconds(k_poll_ms));
                continue;
            }
            file = std::move(*opened);
            reported_absent = false;
            set_state(ScannerState::Connected);
        }
        auto got = file.read(buffer, k_poll_ms);
        std::int64_t now = SystemClock::instance().now_ms();
        if (!got) {
            file.close();
            set_state(ScannerState::Disconnected);
            continue;
        }
        auto results = *got > 0 ? decode(std::span(buffer, *got), now) : idle(now);
        for (auto& result : results) {
            if (result) {
                result->source = m_source;
                if (m_callbacks.on_scan) m_callbacks.on_scan(*result);
            } else if (m_callbacks.on_error) {
                m_callbacks.on_error(result.error());
            }
        }
    }
}

EvdevScanner::EvdevScanner(EvdevScannerOptions options)
    : DeviceFileScanner("evdev:" + options.path, options.path, options.grab),
      m_options(options),
      m_decoder(options.keyboard) {}

std::vector<Result<Scan>> EvdevScanner::decode(std::span<const std::uint8_t> bytes, std::int64_t) {
    return m_decoder.feed(bytes);
}

std::vector<Result<Scan>> EvdevScanner::idle(std::int64_t now_ms) {
    std::vector<Result<Scan>> out;
    if (auto error = m_decoder.keyboard().expire(now_ms, m_options.code_timeout_ms))
        out.push_back(std::unexpected(*error));
    return out;
}

HidrawScanner::HidrawScanner(HidrawScannerOptions options)
    : DeviceFileScanner("hidraw:" + options.path, options.path, false),
      m_options(options),
      m_decoder(
          options.hid_pos_layout.empty() ? nullptr : find_hid_pos_layout(options.hid_pos_layout),
          options.keyboard) {}

std::vector<Result<Scan>> HidrawScanner::decode(std::span<const std::uint8_t> bytes,
                                                std::int64_t now_ms) {
    return m_decoder.feed(bytes, now_ms);  // hidraw hands over one whole report per read
}

std::vector<Result<Scan>> HidrawScanner::idle(std::int64_t now_ms) {
    return m_decoder.expire(now_ms, m_options.code_timeout_ms);
}

}  // namespace rs::devices
