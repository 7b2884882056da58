// TcpPrinter: one connection per job or query; a job is confirmed by a ~HS answered after it.
#include "devices/printer/tcp_printer.h"

#include <fmt/format.h>

#include "common/logger.h"
#include "devices/transport/tcp_connection.h"

namespace rs::devices {
namespace {

const Logger k_log("printer");

}  // namespace

std::string TcpPrinter::describe() const {
    return fmt::format("tcp {}:{}", m_options.host, m_options.port);
}

SendResult TcpPrinter::send(std::string_view job) {
    SendResult result;
    auto connection =
        TcpConnection::connect(m_options.host, m_options.port, m_options.connect_timeout);
    if (!connection) {
        result.error = connection.error();
        return result;
    }
    auto written = connection->write_all(job, m_options.io_timeout, &result.written);
    if (!written) {
        result.error = written.error();
        return result;
    }
    result.complete = true;
    // The printer handles its input in order: an answer to ~HS sent after the job means the
    // whole job was read by the printer.
    auto asked = connection->write_all(k_query_host_status, m_options.io_timeout);
    auto reply = asked ? connection->read_until(host_status_complete, m_options.query_timeout)
                       : Result<std::string>(std::unexpected(asked.error()));
    result.confirmed = reply.has_value();
    if (!reply)
        k_log.info("{}: job sent but not confirmed: {}", m_options.name, reply.error().message);
    return result;
}

Result<PrinterStatus> TcpPrinter::query_status() {
    return query_zpl_status(
        [&](std::string_view query, bool (*complete)(std::string_view)) -> Result<std::string> {
            auto connection =
                TcpConnection::connect(m_options.host, m_options.port, m_options.connect_timeout);
            if (!connection) return std::unexpected(connection.error());
            if (auto sent = connection->write_all(query, m_options.io_timeout); !sent)
                return std::unexpected(sent.error());
            return connection->read_until(complete, m_options.query_timeout);
        });
}

Result<PrinterIdentity> TcpPrinter::identify() {
    auto connection =
        TcpConnection::connect(m_options.host, m_options.port, m_options.connect_timeout);
    if (!connection) return std::unexpected(connection.error());
    if (auto sent = connection->write_all(k_query_identification, m_options.io_timeout); !sent)
        return std::unexpected(sent.error());
    auto reply = connection->read_until(identification_complete, m_options.query_timeout);
    if (!reply) return std::unexpected(reply.error());
    return parse_identification(*reply);
}

Status TcpPrinter::cancel_all() {
    auto connection =
        TcpConnection::connect(m_options.host, m_options.port, m_options.connect_timeout);
    if (!connection) return std::unexpected(connection.error());
    return connection->write_all(k_cancel_all, m_options.io_timeout);
}

}  // namespace rs::devices
