// CupsPrinter: libcups job creation with CUPS_FORMAT_RAW, and queue state reasons to flags.
#include "devices/printer/cups_printer.h"

#include <fmt/format.h>

#include "devices/printer/cups_library.h"

namespace rs::devices {

SendResult CupsPrinter::send(std::string_view job) {
    SendResult result;
    auto library = cups_library();
    if (!library) {
        result.error = library.error();
        return result;
    }
    const CupsLibrary& cups = **library;
    int id =
        cups.create_job(CUPS_HTTP_DEFAULT, m_queue.c_str(), "repair-station label", 0, nullptr);
    if (id == 0) {
        result.error =
            Error{ErrorCode::Io,
                  fmt::format("CUPS refused a job for {}: {}", m_queue, cups.last_error_string()),
                  "printer"};
        return result;
    }
    if (cups.start_document(CUPS_HTTP_DEFAULT, m_queue.c_str(), id, "label.zpl", CUPS_FORMAT_RAW,
                            1) != HTTP_STATUS_CONTINUE ||
        cups.write_request_data(CUPS_HTTP_DEFAULT, job.data(), job.size()) !=
            HTTP_STATUS_CONTINUE ||
        cups.finish_document(CUPS_HTTP_DEFAULT, m_queue.c_str()) != IPP_STATUS_OK) {
        result.error = Error{
            ErrorCode::Io,
            fmt::format("CUPS job {} for {} failed: {}", id, m_queue, cups.last_error_string()),
            "printer"};
        return result;
    }
    result.written = job.size();
    result.complete = true;
    result.confirmed = true;  // CUPS holds the job now and prints it once
    return result;
}

Result<PrinterStatus> CupsPrinter::query_status() {
    auto library = cups_library();
    if (!library) return std::unexpected(library.error());
    const CupsLibrary& cups = **library;
    cups_dest_t* dest = cups.get_named_dest(CUPS_HTTP_DEFAULT, m_queue.c_str(), nullptr);
    if (!dest)
        return fail(ErrorCode::NotFound,
                    fmt::format("no CUPS queue {} (lpstat -p lists them)", m_queue), "printer");
    PrinterStatus status;
    status.answered = true;
    const char* state = cups.get_option("printer-state", dest->num_options, dest->options);
    const char* reason_text =
        cups.get_option("printer-state-reasons", dest->num_options, dest->options);
    std::string reasons = reason_text ? reason_text : "";
    // RFC 8011 printer-state 5 = stopped; reasons per the IANA IPP registry.
    status.paused = state && std::string(state) == "5";
    status.paper_out = reasons.find("media-empty") != std::string::npos ||
                       reasons.find("media-needed") != std::string::npos;
    status.head_open = reasons.find("door-open") != std::string::npos ||
                       reasons.find("cover-open") != std::string::npos;
    status.ribbon_out = reasons.find("marker-supply-empty") != std::string::npos;
    cups.free_dests(1, dest);
    return status;
}

Result<PrinterIdentity> CupsPrinter::identify() {
    return fail(ErrorCode::Unsupported, "a CUPS queue does not pass ~HI to its printer", "printer");
}

Status CupsPrinter::cancel_all() {
    auto library = cups_library();
    if (!library) return std::unexpected(library.error());
    const CupsLibrary& cups = **library;
    if (!cups.cancel_job(m_queue.c_str(), CUPS_JOBID_ALL))
        return fail(ErrorCode::Io,
                    fmt::format("cannot cancel jobs of {}: {}", m_queue, cups.last_error_string()),
                    "printer");
    return {};
}

}  // namespace rs::devices
