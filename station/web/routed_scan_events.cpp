// The WebSocket events of a routed scan, for the session at the scan's bench.
#include "station/web/scan_json.h"
#include "station/web/web_api.h"

namespace rs::station {

void publish_routed_scan(WebContext& context, const RoutedScan& routed, const std::string& bench) {
    auto publish = [&](const char* type, Audience audience, nlohmann::json data) {
        context.hub.publish(type, audience, std::move(data), context.store->now_ms(), bench);
    };
    const Scan& scan = routed.scan;
    switch (routed.kind) {
        case RoutedScan::Kind::Badge:
            // Only to the bench's sign-in screen: the badge fills in, the PIN is still asked.
            publish("badge", Audience::SignIn, {{"badge", scan.text}});
            publish("scan", Audience::Bench,
                    {{"source", scan.source},
                     {"code", printable_code(scan.text)},
                     {"outcome", "badge"},
                     {"message", "a badge: sign out first to let another person sign in"}});
            return;
        case RoutedScan::Kind::NeedsBadge:
            publish("scan", Audience::SignIn,
                    {{"source", scan.source},
                     {"code", printable_code(scan.text)},
                     {"outcome", "needs_sign_in"},
                     {"message", "nobody is signed in at this bench"}});
            return;
        case RoutedScan::Kind::LoginFailed:
            publish(
                "scan", Audience::Bench,
                {{"source", scan.source}, {"outcome", "rejected"}, {"message", routed.message}});
            return;
        case RoutedScan::Kind::Lookup: {
            nlohmann::json readings = nlohmann::json::array();
            for (const auto& reading : routed.readings)
                readings.push_back(reading.why);
            publish("scan", Audience::Bench,
                    {{"source", scan.source},
                     {"code", printable_code(scan.text)},
                     {"outcome", "lookup"},
                     {"message", readings.empty() ? "" : readings.front()},
                     {"readings", readings}});
            return;
        }
        case RoutedScan::Kind::Intake:
            // Scanning is working: the person at the bench is not idle though they click nothing.
            if (auto seated = context.sessions.bench_session(bench))
                context.sessions.use(seated->token, context.store->now_ms());
            publish("scan", Audience::Bench, intake_json(*routed.intake, scan.source, scan.text));
            return;
    }
}

}  // namespace rs::station
