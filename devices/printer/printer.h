// Printer: the one interface of every label printer driver (TCP 9100, USB, CUPS, spool folder,
// and the emulator through TCP).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "devices/printer/printer_status.h"
#include "devices/printer/zpl_status_protocol.h"

namespace rs::devices {

// What happened to one job's bytes: the print queue decides from this whether a retry could
// print the label twice.
struct SendResult {
    std::size_t written = 0;     // bytes the transport accepted
    bool complete = false;       // every byte was accepted
    bool confirmed = false;      // the printer answered a query sent after the job
    std::optional<Error> error;  // set when the job may not have arrived
    bool ok() const { return complete && !error; }
};

// Sends one query and reads its reply until `complete` says it is whole (or times out).
using AskPrinter =
    std::function<Result<std::string>(std::string_view query, bool (*complete)(std::string_view))>;

// ~HS, and ~HQES when ~HS is silent: newer firmware does not answer ~HS while out of media or
// with the head open, but ~HQES still says which. For drivers that can read replies.
Result<PrinterStatus> query_zpl_status(const AskPrinter& ask);

class Printer {
public:
    virtual ~Printer() = default;
    virtual const std::string& name() const = 0;
    // "tcp 192.168.1.50:9100", "usb 0a5f:0120", ...
    virtual std::string describe() const = 0;
    virtual SendResult send(std::string_view job) = 0;
    // ~HS (and ~HQES when ~HS is silent); drivers that cannot ask return what they can tell.
    virtual Result<PrinterStatus> query_status() = 0;
    virtual Result<PrinterIdentity> identify() = 0;
    // ~JA: drops every format in the printer, including a half-received one.
    virtual Status cancel_all() = 0;
};

}  // namespace rs::devices
