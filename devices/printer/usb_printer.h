// UsbPrinter: a ZPL printer on USB, printer class (7) bulk OUT for jobs and bulk IN for replies.
#pragma once

#include <memory>

#include "devices/printer/printer.h"
#include "devices/transport/usb_bulk.h"
#include "devices/transport/usb_context.h"

namespace rs::devices {

struct UsbPrinterOptions {
    std::string name;
    UsbMatch match;              // vendor:product, optional serial and port
    unsigned timeout_ms = 5000;  // per transfer
};

class UsbPrinter final : public Printer {
public:
    UsbPrinter(std::shared_ptr<UsbContext> context, UsbPrinterOptions options)
        : m_context(std::move(context)), m_options(std::move(options)) {}
    const std::string& name() const override { return m_options.name; }
    std::string describe() const override;
    SendResult send(std::string_view job) override;
    Result<PrinterStatus> query_status() override;
    Result<PrinterIdentity> identify() override;
    Status cancel_all() override;

    // The IEEE 1284 device id the printer reports over USB ("MFG:Zebra...;CMD:ZPL;MDL:...").
    Result<std::string> device_id();

private:
    Result<std::string> ask(std::string_view query, bool (*complete)(std::string_view));
    std::shared_ptr<UsbContext> m_context;
    UsbPrinterOptions m_options;
};

}  // namespace rs::devices
