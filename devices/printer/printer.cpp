// query_zpl_status: the status question every ZPL driver asks the same way.
#include "devices/printer/printer.h"

namespace rs::devices {

Result<PrinterStatus> query_zpl_status(const AskPrinter& ask) {
    auto reply = ask(k_query_host_status, host_status_complete);
    if (reply) return parse_host_status(*reply);
    if (reply.error().code != ErrorCode::Timeout) return std::unexpected(reply.error());
    auto errors = ask(k_query_errors, hqes_complete);
    if (!errors) return std::unexpected(reply.error());
    PrinterStatus status;
    if (auto parsed = parse_hqes(*errors, status); !parsed) return std::unexpected(parsed.error());
    return status;
}

}  // namespace rs::devices
