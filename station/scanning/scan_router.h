// ScanRouter: where a hosted scanner's scan goes, by the role of the scanner that read it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "labels/codes/code_grammar.h"
#include "station/orders/intake.h"
#include "station/scanning/scanner_host.h"

namespace rs::station {

// What became of one scan, for whoever shows it.
struct RoutedScan {
    enum class Kind {
        Lookup,       // a lookup scanner: only explained (`readings`)
        NeedsBadge,   // intake, but nobody is signed in and this was no badge
        LoginFailed,  // a badge nobody knows (`message`)
        Intake,       // intake took it (`intake`)
        Badge,        // a badge, where people sign in with badge + PIN (the web UI): not taken
    };
    Kind kind = Kind::Lookup;
    Scan scan;
    std::vector<labels::Classification> readings;
    std::optional<IntakeResult> intake;
    std::string message;
};

// Lookup scans are explained; intake scans go to the intake session, which the first badge
// scanned opens when no operator was given.
class ScanRouter {
public:
    // How a session starts for a badge (the app adds the tag printing of its configuration).
    using StartSession = std::function<Result<IntakeSession>(const std::string& operator_id)>;

    // `after_intake`: called after each scan intake took (so the print queue looks at once).
    ScanRouter(StartSession start_session, std::function<void()> after_intake)
        : m_start_session(std::move(start_session)), m_after_intake(std::move(after_intake)) {}

    // Starts the session of a known operator (from --operator or the configuration).
    Status log_in(const std::string& operator_id);
    // Nobody scans here any more: intake scans wait for someone to sign in.
    void log_out() { m_session.reset(); }
    // Whose scans intake takes now; nullopt: nobody's.
    std::optional<std::string> operator_id() const {
        return m_session ? std::optional(m_session->operator_id()) : std::nullopt;
    }
    // When people sign in with badge + PIN (the web UI), a scanned badge alone neither signs in
    // nor changes who acts: it is handed on (Kind::Badge) for the sign-in screen.
    void require_pin(bool on) { m_require_pin = on; }
    // An error only when the store failed: the station cannot go on. `also` is written in the
    // transaction of a scan intake takes (Kind::Intake); other kinds write nothing.
    Result<RoutedScan> route(const ScanEvent& event,
                             const IntakeSession::AlsoInTransaction& also = {});

private:
    StartSession m_start_session;
    std::function<void()> m_after_intake;
    std::optional<IntakeSession> m_session;
    bool m_require_pin = false;
};

// Rejected scans, mismatches and scans nobody could take need a person.
bool needs_attention(const RoutedScan& routed);

}  // namespace rs::station
