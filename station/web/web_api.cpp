// The route table and the reply helpers every route uses.
#include "station/web/web_api.h"

#include <fmt/format.h>

#include "common/json_nesting.h"

namespace rs::station {

ApiReply json_reply(int status, const nlohmann::json& body) {
    return ApiReply{status, body.dump(), "application/json", {}};
}

Result<nlohmann::json> parse_json_body(const std::string& body) {
    if (auto nesting = check_json_nesting(body, "the request body", "web"); !nesting)
        return fail(ErrorCode::Invalid, "the body is not JSON: " + nesting.error().message, "web");
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::exception& error) {
        // parse_error, and out_of_range for a number too large for a double.
        return fail(ErrorCode::Invalid, fmt::format("the body is not JSON: {}", error.what()),
                    "web");
    }
}

ApiReply error_reply(int status, const std::string& code, const std::string& message) {
    return json_reply(status, {{"error", {{"code", code}, {"message", message}}}});
}

ApiReply error_reply(const Error& error) {
    switch (error.code) {
        case ErrorCode::Invalid:
            return error_reply(400, "invalid", error.message);
        case ErrorCode::NotFound:
            return error_reply(404, "not_found", error.message);
        case ErrorCode::Conflict:
            return error_reply(409, "conflict", error.message);
        default:
            return error_reply(500, "internal", error.message);
    }
}

bool text_field(const nlohmann::json& body, const char* key, std::string& out) {
    if (!body.contains(key)) return true;
    if (!body[key].is_string()) return false;
    out = body[key].get<std::string>();
    return true;
}

nlohmann::json operator_json(const Operator& person) {
    return {{"badge", person.id}, {"name", person.name}, {"role", name_of(person.role)}};
}

const std::vector<Route>& api_routes() {
    static const std::vector<Route> routes = [] {
        std::vector<Route> all;
        add_session_routes(all);
        add_order_routes(all);
        add_printing_routes(all);
        add_station_routes(all);
        add_parts_routes(all);
        add_order_parts_routes(all);
        add_qa_routes(all);
        add_returns_routes(all);
        add_supplier_routes(all);
        add_report_routes(all);
        add_bench_routes(all);
        return all;
    }();
    return routes;
}

namespace {

// "/api/v1/orders/{number}/moves" against "/api/v1/orders/RO-1/moves": segment by segment.
bool matches(std::string_view pattern, std::string_view path,
             std::map<std::string, std::string>& params) {
    params.clear();
    while (!pattern.empty() || !path.empty()) {
        if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
        pattern.remove_prefix(1);
        path.remove_prefix(1);
        auto pattern_end = pattern.find('/');
        auto path_end = path.find('/');
        std::string_view want = pattern.substr(0, pattern_end);
        std::string_view got = path.substr(0, path_end);
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            if (got.empty()) return false;
            params[std::string(want.substr(1, want.size() - 2))] = std::string(got);
        } else if (want != got) {
            return false;
        }
        pattern = pattern_end == std::string_view::npos ? "" : pattern.substr(pattern_end);
        path = path_end == std::string_view::npos ? "" : path.substr(path_end);
    }
    return true;
}

}  // namespace

const Route* match_route(const std::string& method, const std::string& path,
                         std::map<std::string, std::string>& params, bool& path_known) {
    path_known = false;
    for (const auto& route : api_routes()) {
        if (!matches(route.pattern, path, params)) continue;
        path_known = true;
        if (method == route.method) return &route;
    }
    params.clear();
    return nullptr;
}

}  // namespace rs::station
