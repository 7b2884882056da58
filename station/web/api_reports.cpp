// Routes of the Reports screen: the catalog of reports (station/reports/report_catalog, the
// list `station report` reads too) and one report over a period, grouped, as JSON for the page
// or as the CSV a person downloads. Bad parameters are 400 naming the parameter.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <set>

#include "station/reports/report_request.h"
#include "station/web/web_api.h"

namespace rs::station {
namespace {

const std::set<std::string> k_parameters = {"from", "to", "by", "repeat_days", "format"};

ApiReply list_reports(WebContext&, ApiRequest&) {
    nlohmann::json reports = nlohmann::json::array();
    for (const auto& report : report_catalog())
        reports.push_back({{"name", report.name},
                           {"title", report.title},
                           {"summary", report.summary},
                           {"grouped", report.grouped},
                           {"repeat_window", report.repeat_window}});
    return json_reply(200, {{"reports", reports}, {"groups", all_names<ReportGroup>()}});
}

std::string query_or(const ApiRequest& request, const char* name, std::string fallback) {
    auto found = request.query.find(name);
    return found == request.query.end() ? fallback : found->second;
}

// The report's scope from the query (report_request.h checks it as it does the CLI's options).
Result<ReportScope> scope_of(const ReportKind& report, const ApiRequest& request) {
    for (const auto& [name, value] : request.query)
        if (!k_parameters.contains(name))
            return fail(ErrorCode::Invalid,
                        fmt::format("{}: no such parameter; a report takes {}", name,
                                    fmt::join(k_parameters, ", ")),
                        "web");
    ReportRequest asked{query_or(request, "from", ""), query_or(request, "to", ""),
                        query_or(request, "by", "all"), std::nullopt};
    if (auto days = request.query.find("repeat_days"); days != request.query.end())
        asked.repeat_days = days->second;
    return scope_for(report, asked);
}

ApiReply show_report(WebContext& context, ApiRequest& request) {
    const auto& name = request.params["name"];
    const ReportKind* report = find_report(name);
    if (!report) {
        std::vector<std::string> names;
        for (const auto& each : report_catalog())
            names.emplace_back(each.name);
        return error_reply(
            404, "not_found",
            fmt::format("no report called {}: the reports are {}", name, fmt::join(names, ", ")));
    }
    auto format = query_or(request, "format", "json");
    if (format != "json" && format != "csv")
        return error_reply(400, "invalid",
                           fmt::format("format: {} is not a format: give json or csv", format));
    auto scope = scope_of(*report, request);
    if (!scope) return error_reply(scope.error());

    std::lock_guard lock(context.store_mutex);
    auto table = run_report(*context.store, *report, *scope);
    if (!table) return error_reply(table.error());
    if (format == "json") return json_reply(200, to_json(*table));
    ApiReply reply{200, to_csv(*table), "text/csv; charset=utf-8", {}};
    // The name is the report's and a grouping's: plain ASCII, nothing to quote.
    reply.headers.emplace_back(
        "Content-Disposition",
        fmt::format("attachment; filename=\"{}-{}.csv\"", report->name, name_of(scope->by)));
    return reply;
}

}  // namespace

void add_report_routes(std::vector<Route>& routes) {
    routes.push_back({"GET",
                      "/api/v1/reports",
                      Access::Session,
                      {},
                      "The station's reports: name, title, what each counts, its options",
                      list_reports});
    routes.push_back({"GET",
                      "/api/v1/reports/{name}",
                      Access::Session,
                      {},
                      "One report over a period (from, to), grouped (by): JSON or CSV",
                      show_report});
}

}  // namespace rs::station
