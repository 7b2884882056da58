// SpoolPrinter: jobs written as files into a folder another program prints from (or a person
// looks at); it cannot report paper or head state.
#pragma once

#include <atomic>

#include "devices/printer/printer.h"

namespace rs::devices {

class SpoolPrinter final : public Printer {
public:
    SpoolPrinter(std::string name, std::string directory)
        : m_name(std::move(name)), m_directory(std::move(directory)) {}
    const std::string& name() const override { return m_name; }
    std::string describe() const override { return "spool " + m_directory; }
    // Written to a temporary name, then renamed: a reader never sees half a job.
    SendResult send(std::string_view job) override;
    Result<PrinterStatus> query_status() override;
    Result<PrinterIdentity> identify() override;
    Status cancel_all() override;

private:
    std::string m_name;
    std::string m_directory;
    std::atomic<int> m_counter{0};
};

}  // namespace rs::devices
