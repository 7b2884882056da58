// The JSON API of the web UI: requests as the server hands them to routes, replies, and the
// route table (method, path pattern, who may call it). docs/openapi.yaml describes the same routes.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "labels/print/label_templates.h"
#include "station/people/roles.h"
#include "station/scanning/scan_router.h"
#include "station/scanning/scanner_host.h"
#include "station/store/config.h"
#include "station/store/station_store.h"
#include "station/web/event_hub.h"
#include "station/web/sessions.h"
#include "station/web/web_config.h"

namespace rs::station {

class IntakeSession;

// What every route shares. The web has its own store connection, used by one request at a time.
struct WebContext {
    StationConfig config;
    WebConfig web;
    std::unique_ptr<StationStore> store;
    std::mutex store_mutex;
    EventHub hub;
    SessionTable sessions{web.idle_ms};
    // Hands an event to the station host's thread (who is signed in at the bench); may be empty.
    std::function<void(StationEvent)> post_to_host;
    bool demo = false;
    // Devices as the host reported them: name -> {"kind","source","state","problem"}.
    std::mutex devices_mutex;
    std::map<std::string, nlohmann::json> devices;
    // The typed-code intake of each session (token -> session), under store_mutex.
    std::map<std::string, std::shared_ptr<IntakeSession>> intake;
    // Each registered bench's scan routing for the person signed in there (bench name ->
    // router), under store_mutex; and what each bench's agent last said of itself.
    std::map<std::string, std::shared_ptr<ScanRouter>> bench_routers;
    std::map<std::string, nlohmann::json> bench_agents;

    WebContext(StationConfig station, WebConfig config_web)
        : config(std::move(station)), web(std::move(config_web)) {}
};

struct ApiRequest {
    std::string method;
    std::string path;
    std::map<std::string, std::string> params;  // {number} of the pattern -> its value
    std::map<std::string, std::string> query;
    nlohmann::json body;    // parsed JSON body (null when none)
    bool at_bench = false;  // the client is this machine (the bench PC's browser)
    std::optional<WebSession> session;
    std::string bench;  // Access::Bench: the bench whose token came with the request
};

struct ApiReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
};

ApiReply json_reply(int status, const nlohmann::json& body);

// A request's body as JSON (the server calls it on every non-empty body): Invalid, with the
// parser's words, when it is not JSON, holds a number JSON cannot carry (1e400) or nests deeper
// than k_max_json_depth (routes copy parts of the body, recursively).
Result<nlohmann::json> parse_json_body(const std::string& body);
// {"error": {"code": code, "message": message}}
ApiReply error_reply(int status, const std::string& code, const std::string& message);
// A store or workflow error as an HTTP status: Invalid 400, NotFound 404, Conflict 409, else 500.
ApiReply error_reply(const Error& error);

enum class Access {
    Public,    // anyone (sign-in, the route list)
    Optional,  // the WebSocket: signed-in sessions, or the bench's sign-in screen
    Session,   // a signed-in person with one of the route's roles (all people when empty)
    Bench,     // a bench agent with its token (Authorization: Bearer ...)
};

struct Route {
    const char* method;
    const char* pattern;  // "/api/v1/orders/{number}"
    Access access;
    std::vector<Role> roles;
    const char* summary;
    std::function<ApiReply(WebContext&, ApiRequest&)> handler;  // null for the WebSocket
};

const std::vector<Route>& api_routes();
// The route of `method` + `path`, filling `params`; `path_known` says whether any method has it.
const Route* match_route(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>& params, bool& path_known);

// Route groups, one file each.
void add_session_routes(std::vector<Route>& routes);
void add_order_routes(std::vector<Route>& routes);
void add_printing_routes(std::vector<Route>& routes);
void add_station_routes(std::vector<Route>& routes);
void add_parts_routes(std::vector<Route>& routes);
void add_order_parts_routes(std::vector<Route>& routes);  // api_order_parts.cpp
void add_qa_routes(std::vector<Route>& routes);           // api_qa.cpp
void add_returns_routes(std::vector<Route>& routes);      // api_returns.cpp
void add_supplier_routes(std::vector<Route>& routes);     // api_suppliers.cpp
void add_report_routes(std::vector<Route>& routes);       // api_reports.cpp
void add_bench_routes(std::vector<Route>& routes);        // api_bench.cpp

// `operator_id` (empty: nobody) is now the one whose scans `bench` delivers: this machine's own
// bench (empty name) through the station host, a registered bench through its router.
// (api_bench.cpp)
void seat_at_bench(WebContext& context, const std::string& bench, const std::string& operator_id);
// What became of a scan, pushed to the session signed in at `bench` (or its sign-in screen).
// (routed_scan_events.cpp)
void publish_routed_scan(WebContext& context, const RoutedScan& routed, const std::string& bench);

// The roles a route group uses.
inline const std::vector<Role> k_receiving_roles = {Role::Warehouse, Role::Technician,
                                                    Role::Supervisor};
inline const std::vector<Role> k_shipping_roles = {Role::Warehouse, Role::Supervisor};
inline const std::vector<Role> k_parts_roles = {Role::PartsManager, Role::Supervisor};
// An order's parts: the technician repairing it, or the parts manager or supervisor for them.
inline const std::vector<Role> k_repair_roles = {Role::Technician, Role::PartsManager,
                                                 Role::Supervisor};
inline const std::vector<Role> k_supervisor_roles = {Role::Supervisor};

nlohmann::json operator_json(const Operator& person);

// A body's optional text field into `out` (left as it is when absent); false when it is there
// but not a string.
bool text_field(const nlohmann::json& body, const char* key, std::string& out);

// The label printer a request prints on: the body's "printer", else [printers] default, else the
// first configured; with the labels' context at its resolution. (api_printing.cpp)
struct LabelPrinter {
    std::string name;
    labels::TemplateContext labels;
};
Result<LabelPrinter> label_printer(WebContext& context, const nlohmann::json& body);

}  // namespace rs::station
