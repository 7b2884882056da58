// make_printer: the table of printer drivers, one maker per URI scheme.
#include "devices/printer/printer_factory.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "devices/printer/cups_printer.h"
#include "devices/printer/spool_printer.h"
#include "devices/printer/tcp_printer.h"
#include "devices/printer/usb_printer.h"

namespace rs::devices {
namespace {

Result<std::unique_ptr<Printer>> make_tcp(const DeviceUri& uri, const PrinterOptions& options) {
    TcpPrinterOptions tcp{options.name, uri.host, uri.port};
    tcp.connect_timeout = tcp.query_timeout = options.timeout;
    // A job's write carries a whole label, which a slow printer takes in longer than a query.
    tcp.io_timeout = options.timeout * 3;
    return std::make_unique<TcpPrinter>(std::move(tcp));
}

Result<std::unique_ptr<Printer>> make_usb(const DeviceUri& uri, const PrinterOptions& options) {
    // Every USB device of the process shares one libusb context and its event thread.
    auto context = UsbContext::shared();
    if (!context) return std::unexpected(context.error());
    UsbPrinterOptions usb{options.name, uri.usb, static_cast<unsigned>(options.timeout.count())};
    return std::make_unique<UsbPrinter>(*context, std::move(usb));
}

Result<std::unique_ptr<Printer>> make_cups(const DeviceUri& uri, const PrinterOptions& options) {
    return std::make_unique<CupsPrinter>(options.name, uri.host);
}

Result<std::unique_ptr<Printer>> make_spool(const DeviceUri& uri, const PrinterOptions& options) {
    return std::make_unique<SpoolPrinter>(options.name, uri.path);
}

constexpr PrinterDriver k_drivers[] = {
    {"tcp", "a ZPL printer's raw port 9100 on the network", make_tcp},
    {"usb", "a ZPL printer on USB, printer class", make_usb},
    {"cups", "a CUPS queue with the raw driver", make_cups},
    {"file", "a spool folder each job is written into as a file", make_spool},
};

}  // namespace

std::span<const PrinterDriver> printer_drivers() {
    return k_drivers;
}

Result<std::unique_ptr<Printer>> make_printer(const DeviceUri& uri, const PrinterOptions& options) {
    for (const auto& driver : k_drivers)
        if (driver.scheme == uri.scheme) return driver.make(uri, options);
    std::vector<std::string> known;
    for (const auto& driver : k_drivers)
        known.push_back(fmt::format("{}:// ({})", driver.scheme, driver.description));
    return fail(ErrorCode::Invalid,
                fmt::format("no printer driver for {}: the drivers are {}", uri.to_string(),
                            fmt::join(known, ", ")),
                "printer");
}

Result<std::unique_ptr<Printer>> make_printer(std::string_view uri, const PrinterOptions& options) {
    auto parsed = parse_device_uri(uri);
    if (!parsed) return std::unexpected(parsed.error());
    return make_printer(*parsed, options);
}

}  // namespace rs::devices
