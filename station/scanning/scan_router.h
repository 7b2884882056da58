// ScanRouter: where `station run` sends each scan, by the role of the scanner that read it.
#pragma once

#include <functional>
#include <optional>

#include "station/cli/cli_context.h"
#include "station/scanning/scanner_host.h"
#include "station/orders/intake.h"

namespace rs::cli {

// Lookup scans are explained; intake scans go to the intake session, which the first badge
// scanned opens when no operator was given. Prints one line per scan.
class ScanRouter {
public:
    // `after_intake`: called after each scan intake took (so the print queue looks at once).
    ScanRouter(station::StationStore& store, CliContext& context,
               std::function<void()> after_intake)
        : m_store(store), m_context(context), m_after_intake(std::move(after_intake)) {}

    // Starts the session of a known operator (from --operator or the configuration).
    Status log_in(const std::string& operator_id);
    // An error only when the store failed: the station cannot go on.
    Status route(const ScanEvent& event);

private:
    station::StationStore& m_store;
    CliContext& m_context;
    std::function<void()> m_after_intake;
    std::optional<station::IntakeSession> m_session;
};

}  // namespace rs::cli
