// TerminalListener: the lines `station run` and `station server` print.
#include "station/cli/terminal_listener.h"

#include <fmt/format.h>

#include <cstdio>

#include "station/cli/intake_output.h"

namespace rs::cli {
namespace {

template <class... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
    fmt::print(format, std::forward<Args>(args)...);
    fmt::print("\n");
    std::fflush(stdout);
}

}  // namespace

void TerminalListener::scanner_hosted(const station::ConfiguredScanner& configured) {
    print("{} ({}): {}", configured.name, station::scanner_role_name(configured.role),
          configured.scanner->source());
}

void TerminalListener::scan_routed(const station::RoutedScan& routed) {
    const Scan& scan = routed.scan;
    switch (routed.kind) {
        case station::RoutedScan::Kind::Lookup:
            print("{}: {}: {}", scan.source, printable_scan(scan.text),
                  describe_readings(routed.readings));
            break;
        case station::RoutedScan::Kind::NeedsBadge:
            print(
                "{}: {}: nobody is signed in at this bench: sign in on the web UI, or "
                "start `station run --operator BADGE`",
                scan.source, printable_scan(scan.text));
            break;
        case station::RoutedScan::Kind::LoginFailed:
            print("{}: {}", scan.source, routed.message);
            break;
        case station::RoutedScan::Kind::Badge:
            print(
                "{}: {}: a badge alone proves nothing: sign in on the web UI with it and "
                "its PIN, or start `station run --operator BADGE` (the PIN is asked)",
                scan.source, printable_scan(scan.text));
            break;
        case station::RoutedScan::Kind::Intake:
            print("{}: {}", scan.source, intake_result_line(scan.text, *routed.intake));
            break;
    }
    if (station::needs_attention(routed)) m_context.exit_code = k_exit_needs_attention;
}

void TerminalListener::scanner_state(const std::string& source, devices::ScannerState state) {
    print("{}: {}", source, devices::scanner_state_name(state));
}

void TerminalListener::scanner_problem(const std::string& source, const Error& error) {
    print("{}: {}", source, error.describe());
}

void TerminalListener::message(const std::string& line) {
    print("{}", line);
}

void TerminalListener::problem(const Error& error) {
    m_context.report(error);
}

}  // namespace rs::cli
