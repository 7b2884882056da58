// CupsPrinter: a CUPS queue fed raw ZPL (the queue's driver must be "raw"); status comes from
// the queue's printer-state and printer-state-reasons.
#pragma once

#include "devices/printer/printer.h"

namespace rs::devices {

class CupsPrinter final : public Printer {
public:
    CupsPrinter(std::string name, std::string queue)
        : m_name(std::move(name)), m_queue(std::move(queue)) {}
    const std::string& name() const override { return m_name; }
    std::string describe() const override { return "cups " + m_queue; }
    SendResult send(std::string_view job) override;
    Result<PrinterStatus> query_status() override;
    Result<PrinterIdentity> identify() override;
    Status cancel_all() override;

private:
    std::string m_name;
    std::string m_queue;
};

}  // namespace rs::devices
