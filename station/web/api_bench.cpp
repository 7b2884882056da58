// Routes of bench agents (`station bench`): scans delivered by a bench's agent, routed for the
// person signed in at that bench, each applied once however often it is delivered.
#include <fmt/format.h>

#include "common/logger.h"
#include "common/store/transaction.h"
#include "station/bench/bench_registry.h"
#include "station/bench/bench_seats.h"
#include "station/bench/scan_receipts.h"
#include "station/bench/scan_wire.h"
#include "station/people/operators.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

const Logger k_log("web");

// The router of a registered bench, made the first time (under store_mutex). A badge scanned
// there alone signs nobody in: people sign in with badge + PIN, naming the bench.
ScanRouter& router_of(WebContext& context, const std::string& bench) {
    auto& router = context.bench_routers[bench];
    if (!router) {
        router = std::make_shared<ScanRouter>(
            [&context](const std::string& operator_id) {
                return start_intake(*context.store, context.config, operator_id);
            },
            nullptr);
        router->require_pin(true);
    }
    return *router;
}

// The bench's router takes the scans of the person the store has seated there: the same after a
// restart of this server, or when they signed in or out through the other server of a center.
Status follow_seat(WebContext& context, const std::string& bench) {
    auto seated = seated_person(*context.store, bench, context.sessions.idle_ms());
    if (!seated) return std::unexpected(seated.error());
    ScanRouter& router = router_of(context, bench);
    if (*seated == router.operator_id()) return {};
    if (!*seated) {
        router.log_out();
        return {};
    }
    if (auto in = router.log_in(**seated); !in)
        k_log.warn("bench {}: {} cannot scan there: {}", bench, **seated, in.error().describe());
    return {};
}

// What the agent says of itself with each request: how many scans wait in its journal.
void note_agent(WebContext& context, const std::string& bench, const nlohmann::json& body) {
    nlohmann::json status = {{"bench", bench}, {"last_seen_ms", context.store->now_ms()}};
    if (body.is_object())
        for (const char* key : {"waiting", "state"})
            if (body.contains(key) && (body[key].is_number_integer() || body[key].is_string()))
                status[key] = body[key];
    bool changed;
    {
        std::lock_guard lock(context.devices_mutex);
        auto& kept = context.bench_agents[bench];  // null the first time
        auto field = [](const nlohmann::json& object, const char* key) {
            return object.is_object() && object.contains(key) ? object[key] : nlohmann::json();
        };
        changed = field(kept, "waiting") != field(status, "waiting") ||
                  field(kept, "state") != field(status, "state");
        kept = status;
    }
    if (changed) context.hub.publish("bench", Audience::Everyone, status, context.store->now_ms());
}

std::string outcome_of(const RoutedScan& routed) {
    switch (routed.kind) {
        case RoutedScan::Kind::Lookup:
            return "lookup";
        case RoutedScan::Kind::NeedsBadge:
            return "needs_sign_in";
        case RoutedScan::Kind::LoginFailed:
            return "rejected";
        case RoutedScan::Kind::Badge:
            return "badge";
        case RoutedScan::Kind::Intake:
            return std::string(name_of(routed.intake->outcome));
    }
    return "unknown";
}

std::string message_of(const RoutedScan& routed, const std::string& bench) {
    switch (routed.kind) {
        case RoutedScan::Kind::Lookup:
            return routed.readings.empty() ? "" : routed.readings.front().why;
        case RoutedScan::Kind::NeedsBadge:
            return fmt::format(
                "nobody is signed in at bench {}: the scan was not taken; sign in "
                "and scan it again",
                bench);
        case RoutedScan::Kind::LoginFailed:
            return routed.message;
        case RoutedScan::Kind::Badge:
            return "a badge alone signs nobody in: sign in with it and its PIN";
        case RoutedScan::Kind::Intake:
            return routed.intake->message;
    }
    return "";
}

nlohmann::json answer_of(const BenchScan& scan, const RoutedScan& routed,
                         const std::string& bench) {
    nlohmann::json orders = nlohmann::json::array();
    if (routed.intake)
        for (const auto& number : routed.intake->order_numbers)
            orders.push_back(number);
    return {{"id", scan.id},
            {"duplicate", false},
            {"outcome", outcome_of(routed)},
            {"message", message_of(routed, bench)},
            {"orders", orders}};
}

ApiReply duplicate_reply(const std::string& first_answer) {
    nlohmann::json answer = nlohmann::json::parse(first_answer, nullptr, false);
    if (!answer.is_object()) answer = nlohmann::json::object();
    answer["duplicate"] = true;
    return json_reply(200, answer);
}

ApiReply receive_scan(WebContext& context, ApiRequest& request) {
    auto parsed = parse_bench_scan(request.body);
    if (!parsed) return error_reply(parsed.error());
    note_agent(context, request.bench, request.body);
    const BenchScan& scan = *parsed;
    std::lock_guard lock(context.store_mutex);
    StationStore& store = *context.store;
    auto before = delivered_reply(store, scan.id);
    if (!before) return error_reply(before.error());
    if (*before) return duplicate_reply(**before);
    if (auto seated = follow_seat(context, request.bench); !seated)
        return error_reply(seated.error());

    ScanReceipt receipt{scan.id, request.bench, scan.scan.time_ms, scan.scan.source, "", ""};
    nlohmann::json answer;
    // Intake writes the receipt in the scan's own transaction: the order and the scan's id are
    // both there, or neither is and the agent delivers it again.
    auto recorded_in_intake = [&](const IntakeResult& result) -> Status {
        RoutedScan routed;
        routed.kind = RoutedScan::Kind::Intake;
        routed.intake = result;
        answer = answer_of(scan, routed, request.bench);
        receipt.outcome = answer["outcome"].get<std::string>();
        receipt.reply = answer.dump();
        return record_receipt(store, receipt);
    };
    auto routed = router_of(context, request.bench)
                      .route(ScanEvent{scan.scan, scan.role}, recorded_in_intake);
    if (routed && routed->kind != RoutedScan::Kind::Intake) {
        // Nothing else was written: the receipt alone, in a transaction of its own.
        answer = answer_of(scan, *routed, request.bench);
        receipt.outcome = answer["outcome"].get<std::string>();
        receipt.reply = answer.dump();
        auto transaction = store::Transaction::begin(store.db());
        if (!transaction) return error_reply(transaction.error());
        Status written = record_receipt(store, receipt);
        if (written) written = transaction->commit();
        if (!written) routed = std::unexpected(written.error());
    }
    if (!routed) {
        // Another server took this scan between our look and our write: it is a duplicate.
        if (routed.error().code == ErrorCode::Conflict)
            if (auto again = delivered_reply(store, scan.id); again && *again)
                return duplicate_reply(**again);
        k_log.warn("bench {}: scan {}: {}", request.bench, scan.id, routed.error().describe());
        return error_reply(500, "internal", routed.error().message);
    }
    publish_routed_scan(context, *routed, request.bench);
    return json_reply(200, answer);
}

// Who the bench's scans go to: the seat kept in the store, as receive_scan routes them.
ApiReply agent_status(WebContext& context, ApiRequest& request) {
    note_agent(context, request.bench, request.body);
    std::lock_guard lock(context.store_mutex);
    auto seated = seated_person(*context.store, request.bench, context.sessions.idle_ms());
    if (!seated) return error_reply(seated.error());
    nlohmann::json person = nullptr;
    if (*seated) {
        auto found = find_operator(*context.store, **seated);
        if (!found) return error_reply(found.error());
        if (*found) person = operator_json(**found);
    }
    return json_reply(200, {{"bench", request.bench}, {"signed_in", person}});
}

ApiReply list_bench_rows(WebContext& context, ApiRequest&) {
    Result<std::vector<Bench>> benches = [&] {
        std::lock_guard lock(context.store_mutex);
        return list_benches(*context.store);
    }();
    if (!benches) return error_reply(benches.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& bench : *benches) {
        nlohmann::json row = {{"name", bench.name}, {"created_ms", bench.created_ms}};
        if (auto seated = context.sessions.bench_session(bench.name))
            row["signed_in"] = operator_json(seated->person);
        std::lock_guard lock(context.devices_mutex);
        if (auto agent = context.bench_agents.find(bench.name); agent != context.bench_agents.end())
            row["agent"] = agent->second;
        rows.push_back(row);
    }
    return json_reply(200, {{"benches", rows}});
}

}  // namespace

void seat_at_bench(WebContext& context, const std::string& bench, const std::string& operator_id) {
    if (bench.empty()) {
        if (context.post_to_host) context.post_to_host(BenchOperatorEvent{operator_id});
        return;
    }
    std::lock_guard lock(context.store_mutex);
    if (auto kept = seat_person(*context.store, bench, operator_id); !kept)
        k_log.warn("bench {}: who is signed in there is not kept: {}", bench,
                   kept.error().describe());
    ScanRouter& router = router_of(context, bench);
    if (operator_id.empty()) return router.log_out();
    if (auto seated = router.log_in(operator_id); !seated)
        k_log.warn("bench {}: {} cannot scan there: {}", bench, operator_id,
                   seated.error().describe());
}

void add_bench_routes(std::vector<Route>& routes) {
    routes.push_back({"POST",
                      "/api/v1/bench/scans",
                      Access::Bench,
                      {},
                      "A bench agent delivers one scan (its id made at capture); a scan "
                      "delivered again is answered as a duplicate and not applied twice",
                      receive_scan});
    routes.push_back({"POST",
                      "/api/v1/bench/status",
                      Access::Bench,
                      {},
                      "A bench agent says how it is (scans waiting in its journal)",
                      agent_status});
    routes.push_back({"GET", "/api/v1/benches", Access::Session, k_supervisor_roles,
                      "The registered benches, who is signed in at each and what its agent said",
                      list_bench_rows});
}

}  // namespace rs::station
