// TcpPrinter: a ZPL printer on the network, raw port 9100 (also the printer emulator).
#pragma once

#include <chrono>

#include "devices/printer/printer.h"

namespace rs::devices {

struct TcpPrinterOptions {
    std::string name;
    std::string host;
    int port = 9100;
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds io_timeout{5000};     // per job write
    std::chrono::milliseconds query_timeout{2000};  // per status query
};

class TcpPrinter final : public Printer {
public:
    explicit TcpPrinter(TcpPrinterOptions options) : m_options(std::move(options)) {}
    const std::string& name() const override { return m_options.name; }
    std::string describe() const override;
    SendResult send(std::string_view job) override;
    Result<PrinterStatus> query_status() override;
    Result<PrinterIdentity> identify() override;
    Status cancel_all() override;

private:
    TcpPrinterOptions m_options;
};

}  // namespace rs::devices
