// `station report fpy|pareto|cases`: the records and statistics of the station's cases
// (docs/reports.md), as a table, CSV or JSON.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/reports/fault_pareto.h"
#include "station/reports/first_pass_yield.h"
#include "station/reports/report_cases.h"

namespace rs::cli {
namespace {

struct ReportOptions {
    std::string from, to, by = "all", format = "table";
};

// --from and --to as UTC ms: a date is its midnight (UTC), --to is exclusive.
std::optional<station::ReportScope> scope_of(CliContext& context, const ReportOptions& options) {
    station::ReportScope scope;
    scope.by = *parse_enum<station::ReportGroup>(options.by);
    for (auto [text, into] :
         {std::pair{&options.from, &scope.from_ms}, {&options.to, &scope.to_ms}}) {
        if (text->empty()) continue;
        *into = parse_utc(*text);
        if (*into < 0) {
            context.report({ErrorCode::Invalid,
                            fmt::format("{} is not a date: give YYYY-MM-DD (UTC) or "
                                        "YYYY-MM-DDTHH:MM:SSZ",
                                        *text),
                            "cli"});
            return std::nullopt;
        }
    }
    if (scope.from_ms >= scope.to_ms) {
        context.report({ErrorCode::Invalid,
                        fmt::format("--from {} is not before --to {}: the period is empty",
                                    options.from, options.to),
                        "cli"});
        return std::nullopt;
    }
    return scope;
}

void print_table(const station::ReportTable& table, const std::string& format) {
    if (format == "csv")
        fmt::print("{}", station::to_csv(table));
    else if (format == "json")
        fmt::print("{}\n", station::to_json(table).dump(2));
    else
        fmt::print("{}", station::to_text(table));
}

using Report = Result<station::ReportTable> (*)(station::StationStore&,
                                                const station::ReportScope&);

void add_report(CLI::App& command, CliContext& context, const char* name, const char* help,
                Report report) {
    auto options = std::make_shared<ReportOptions>();
    auto* sub = command.add_subcommand(name, help);
    sub->add_option("--from", options->from, "First day counted (YYYY-MM-DD, UTC)");
    sub->add_option("--to", options->to, "Day after the last one counted (YYYY-MM-DD, UTC)");
    sub->add_option("--by", options->by,
                    "Group the cases by model, category, route, technician "
                    "or week (the Monday it starts, UTC)")
        ->check(CLI::IsMember(all_names<station::ReportGroup>()));
    sub->add_option("--format", options->format, "table, csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    sub->callback([&context, options, report] {
        auto scope = scope_of(context, *options);
        if (!scope) return;
        auto store = context.open_store();
        if (!store) return;
        auto table = report(*store, *scope);
        if (!table) return context.report(table.error());
        print_table(*table, options->format);
    });
}

}  // namespace

void add_report_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "report", "Records and statistics of the cases (definitions: docs/reports.md)");
    command->require_subcommand(1);
    add_report(*command, context, "fpy",
               "First-pass yield: of the cases whose first QA ended in the period, the share that "
               "passed it",
               station::first_pass_yield);
    add_report(*command, context, "pareto",
               "Fault Pareto: what the diagnoses in force found, most cases first, with each "
               "finding's share and the cumulative share; no_fault_found's share is the "
               "no-fault-found rate",
               station::fault_pareto);

    auto format = std::make_shared<std::string>("csv");
    auto* cases = command->add_subcommand(
        "cases", "Every case with the facts the reports count (to check them by hand)");
    cases->add_option("--format", *format, "csv (default), table or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    cases->callback([&context, format] {
        auto store = context.open_store();
        if (!store) return;
        auto table = station::report_cases(*store);
        if (!table) return context.report(table.error());
        print_table(*table, *format);
    });
}

}  // namespace rs::cli
