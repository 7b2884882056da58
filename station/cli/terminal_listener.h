// TerminalListener: what a station's host does, one line each on the terminal (or the journal
// of a systemd unit), for `station run` and `station server`.
#pragma once

#include "station/app/station_host.h"
#include "station/cli/cli_context.h"

namespace rs::cli {

// One line per thing that happens, flushed at once so that a pipe sees it live. A scan that
// needs a person's attention sets the exit code.
class TerminalListener : public station::HostListener {
public:
    explicit TerminalListener(CliContext& context) : m_context(context) {}

    void scanner_hosted(const station::ConfiguredScanner& configured) override;
    void scan_routed(const station::RoutedScan& routed) override;
    void scanner_state(const std::string& source, devices::ScannerState state) override;
    void scanner_problem(const std::string& source, const Error& error) override;
    void message(const std::string& line) override;
    void problem(const Error& error) override;

private:
    CliContext& m_context;
};

}  // namespace rs::cli
