// `station report fpy|pareto|...|cases|parts`: the records and statistics of the station's cases
// (docs/reports.md), as a table, CSV or JSON.
#include <fmt/format.h>

#include "station/cli/cli_context.h"
#include "station/orders/policy_store.h"
#include "station/reports/report_cases.h"
#include "station/reports/report_parts.h"
#include "station/reports/report_request.h"

namespace rs::cli {
namespace {

struct ReportOptions {
    station::ReportRequest request;
    std::string repeat_days;  // empty: the default
    std::string format = "table";
};

void print_table(const station::ReportTable& table, const std::string& format) {
    if (format == "csv")
        fmt::print("{}", station::to_csv(table));
    else if (format == "json")
        fmt::print("{}\n", station::to_json(table).dump(2));
    else
        fmt::print("{}", station::to_text(table));
}

void add_report(CLI::App& command, CliContext& context, const station::ReportKind& report) {
    auto options = std::make_shared<ReportOptions>();
    auto* sub = command.add_subcommand(report.name, report.summary);
    sub->add_option("--from", options->request.from, "First day counted (YYYY-MM-DD, UTC)");
    sub->add_option("--to", options->request.to,
                    "Day after the last one counted (YYYY-MM-DD, UTC)");
    if (report.grouped)
        sub->add_option("--by", options->request.by,
                        "Group the cases by model, category, route, technician "
                        "or week (the Monday it starts, UTC)")
            ->check(CLI::IsMember(all_names<station::ReportGroup>()));
    sub->add_option("--format", options->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    if (report.repeat_window)
        sub->add_option("--repeat-days", options->repeat_days,
                        "A device back within this many days of shipping (1 to 3650, default "
                        "90) is a repeat repair");
    sub->callback([&context, options, &report] {
        auto request = options->request;
        if (!options->repeat_days.empty()) request.repeat_days = options->repeat_days;
        auto scope = station::scope_for(report, request);
        if (!scope) return context.report(scope.error());
        auto store = context.open_store();
        if (!store) return;
        auto table = station::run_report(*store, report, *scope);
        if (!table) return context.report(table.error());
        print_table(*table, options->format);
    });
}

using Export = Result<station::ReportTable> (*)(station::StationStore&, const station::Policy*);

// A case-level export: no period, no groups, CSV unless asked otherwise.
void add_export(CLI::App& command, CliContext& context, const char* name, const char* help,
                Export run) {
    auto format = std::make_shared<std::string>("csv");
    auto* sub = command.add_subcommand(name, help);
    sub->add_option("--format", *format, "csv (default), table or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    sub->callback([&context, format, run] {
        auto store = context.open_store();
        if (!store) return;
        auto policy = station::policy_in_force(*store);
        if (!policy) return context.report(policy.error());
        auto table = run(*store, *policy ? &**policy : nullptr);
        if (!table) return context.report(table.error());
        print_table(*table, *format);
    });
}

}  // namespace

void add_report_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "report", "Records and statistics of the cases (definitions: docs/reports.md)");
    command->require_subcommand(1);
    for (const auto& report : station::report_catalog())
        add_report(*command, context, report);

    add_export(*command, context, "cases",
               "Every case with the facts the reports count (to check them by hand)",
               [](station::StationStore& store, const station::Policy* policy) {
                   return station::report_cases(store, policy);
               });
    add_export(*command, context, "history",
               "Every state change of every order, as it happened (turnaround and deadlines are "
               "counted from it)",
               [](station::StationStore& store, const station::Policy*) {
                   return station::report_history(store);
               });
    add_export(*command, context, "parts",
               "Every part used for a repair order, every supplier-return line and batch: the "
               "facts the supplier reports count (to check them by hand)",
               [](station::StationStore& store, const station::Policy*) {
                   return station::report_parts(store);
               });
}

}  // namespace rs::cli
