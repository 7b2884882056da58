// ScanRouter: lookup, badge log-in and intake of the scans `station run` receives.
#include "station/scanning/scan_router.h"

#include <fmt/format.h>

#include "station/cli/intake_output.h"

namespace rs::cli {

Status ScanRouter::log_in(const std::string& operator_id) {
    auto started = start_intake(m_context, m_store, operator_id);
    if (!started) return std::unexpected(started.error());
    m_session.emplace(std::move(*started));
    return {};
}

Status ScanRouter::route(const ScanEvent& event) {
    const Scan& scan = event.scan;
    if (event.role == station::ScannerRole::Lookup) {
        fmt::print("{}: {}: {}\n", scan.source, printable_scan(scan.text),
                   describe_readings(labels::classify(scan)));
        return {};
    }
    if (!m_session) {
        // No operator yet: the first badge scanned logs in, as at the bench.
        auto readings = labels::classify(scan);
        if (readings.front().kind != labels::CodeKind::OperatorBadge || !readings.front().valid) {
            fmt::print("{}: {}: scan a badge first to say who is scanning\n", scan.source,
                       printable_scan(scan.text));
            m_context.exit_code = k_exit_needs_attention;
            return {};
        }
        if (auto logged_in = log_in(scan.text); !logged_in)
            fmt::print("{}: {}\n", scan.source, logged_in.error().describe());
        // The badge goes on to intake like any scan: it logs the change of operator.
        if (!m_session) return {};
    }
    auto result = m_session->scan(scan);
    if (!result) return std::unexpected(result.error());
    if (m_after_intake) m_after_intake();
    fmt::print("{}: {}\n", scan.source, intake_result_line(scan.text, *result));
    if (needs_attention(*result)) m_context.exit_code = k_exit_needs_attention;
    return {};
}

}  // namespace rs::cli
