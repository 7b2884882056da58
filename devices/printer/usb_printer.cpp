// UsbPrinter: jobs and queries over a UsbBulkChannel opened per use (a printer may be re-plugged).
#include "devices/printer/usb_printer.h"

#include <fmt/format.h>

#include <chrono>

#include "devices/printer/ieee1284.h"

namespace rs::devices {

std::string UsbPrinter::describe() const {
    return fmt::format("usb {:04x}:{:04x}{}", m_options.match.vendor_id, m_options.match.product_id,
                       m_options.match.serial.empty() ? "" : " serial " + m_options.match.serial);
}

Result<std::string> UsbPrinter::device_id() {
    auto channel = UsbBulkChannel::open(*m_context, m_options.match);
    if (!channel) return std::unexpected(channel.error());
    return channel->device_id(m_options.timeout_ms);
}

SendResult UsbPrinter::send(std::string_view job) {
    SendResult result;
    auto channel = UsbBulkChannel::open(*m_context, m_options.match);
    if (!channel) {
        result.error = channel.error();
        return result;
    }
    // A printer that says it speaks no ZPL (an EPL-only LP 2844) would print our labels as
    // text: refuse before sending anything. A printer that gives no id is given the benefit.
    if (auto id = channel->device_id(m_options.timeout_ms); id) {
        auto fields = parse_device_id(*id);
        if (fields.contains("CMD") && !speaks_zpl(fields)) {
            result.error = Error{ErrorCode::Unsupported,
                                 fmt::format("{} ({}) speaks {}, not ZPL: choose a ZPL printer",
                                             describe(), fields["MDL"], fields["CMD"]),
                                 "printer"};
            return result;
        }
    }
    if (auto written = channel->write(job, m_options.timeout_ms, &result.written); !written) {
        result.error = written.error();
        return result;
    }
    result.complete = true;
    if (channel->write(k_query_host_status, m_options.timeout_ms, nullptr)) {
        std::string reply;
        auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.timeout_ms);
        while (!host_status_complete(reply) && std::chrono::steady_clock::now() < deadline) {
            auto chunk = channel->read(200);
            if (chunk) reply += *chunk;
        }
        result.confirmed = host_status_complete(reply);
    }
    return result;
}

Result<std::string> UsbPrinter::ask(std::string_view query, bool (*complete)(std::string_view)) {
    auto channel = UsbBulkChannel::open(*m_context, m_options.match);
    if (!channel) return std::unexpected(channel.error());
    if (auto written = channel->write(query, m_options.timeout_ms, nullptr); !written)
        return std::unexpected(written.error());
    std::string reply;
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(m_options.timeout_ms);
    while (!complete(reply)) {
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(ErrorCode::Timeout, fmt::format("{} did not answer {}", describe(), query),
                        "usb");
        auto chunk = channel->read(200);
        if (chunk)
            reply += *chunk;
        else if (chunk.error().code != ErrorCode::Timeout)
            return std::unexpected(chunk.error());
    }
    return reply;
}

Result<PrinterStatus> UsbPrinter::query_status() {
    return query_zpl_status([this](std::string_view query, bool (*complete)(std::string_view)) {
        return ask(query, complete);
    });
}

Result<PrinterIdentity> UsbPrinter::identify() {
    auto reply = ask(k_query_identification, identification_complete);
    if (!reply) return std::unexpected(reply.error());
    return parse_identification(*reply);
}

Status UsbPrinter::cancel_all() {
    auto channel = UsbBulkChannel::open(*m_context, m_options.match);
    if (!channel) return std::unexpected(channel.error());
    return channel->write(k_cancel_all, m_options.timeout_ms, nullptr);
}

}  // namespace rs::devices
