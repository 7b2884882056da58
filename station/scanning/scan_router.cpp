// ScanRouter: lookup, badge log-in and intake of the scans a station's scanners read.
#include "station/scanning/scan_router.h"

namespace rs::station {

Status ScanRouter::log_in(const std::string& operator_id) {
    auto started = m_start_session(operator_id);
    if (!started) return std::unexpected(started.error());
    m_session.emplace(std::move(*started));
    return {};
}

Result<RoutedScan> ScanRouter::route(const ScanEvent& event,
                                     const IntakeSession::AlsoInTransaction& also) {
    RoutedScan routed;
    routed.scan = event.scan;
    if (event.role == ScannerRole::Lookup) {
        routed.kind = RoutedScan::Kind::Lookup;
        routed.readings = labels::classify(event.scan);
        return routed;
    }
    if (m_require_pin) {
        auto readings = labels::classify(event.scan);
        if (readings.front().kind == labels::CodeKind::OperatorBadge && readings.front().valid) {
            routed.kind = RoutedScan::Kind::Badge;
            routed.readings = std::move(readings);
            return routed;
        }
        if (!m_session) {
            routed.kind = RoutedScan::Kind::NeedsBadge;
            return routed;
        }
    }
    if (!m_session) {
        // No operator yet: the first badge scanned logs in, as at the bench.
        auto readings = labels::classify(event.scan);
        if (readings.front().kind != labels::CodeKind::OperatorBadge || !readings.front().valid) {
            routed.kind = RoutedScan::Kind::NeedsBadge;
            return routed;
        }
        if (auto logged_in = log_in(event.scan.text); !logged_in) {
            routed.kind = RoutedScan::Kind::LoginFailed;
            routed.message = logged_in.error().message;
            return routed;
        }
        // The badge goes on to intake like any scan: it logs the change of operator.
    }
    auto result = m_session->scan(event.scan, also);
    if (!result) return std::unexpected(result.error());
    if (m_after_intake) m_after_intake();
    routed.kind = RoutedScan::Kind::Intake;
    routed.intake = std::move(*result);
    return routed;
}

bool needs_attention(const RoutedScan& routed) {
    switch (routed.kind) {
        case RoutedScan::Kind::Lookup:
            return false;
        case RoutedScan::Kind::NeedsBadge:
            return true;
        case RoutedScan::Kind::LoginFailed:
        case RoutedScan::Kind::Badge:
            return false;
        case RoutedScan::Kind::Intake:
            return needs_attention(*routed.intake);
    }
    return false;
}

}  // namespace rs::station
