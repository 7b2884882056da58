// `station policy check|load|show`: the after-sales rules file (docs/policy.md).
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/orders/policy_samples.h"
#include "station/orders/policy_store.h"

namespace rs::cli {
namespace {

Result<std::string> read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(ErrorCode::NotFound, "cannot read " + path, "cli");
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

void print_trace(const std::vector<station::TraceLine>& trace, const char* indent) {
    for (const auto& line : trace)
        fmt::print("{}{:<3} {}\n", indent, line.rule, line.finding);
}

void print_rules(const station::Policy& policy) {
    fmt::print(
        "policy {}: {} categories; quotes in {}, labour {}.{:02} an hour, parts +{}%, "
        "valid {} days\n",
        policy.version, policy.categories.size(), policy.quotes.currency,
        policy.quotes.labour_rate_per_hour / 100, policy.quotes.labour_rate_per_hour % 100,
        policy.quotes.parts_markup_percent, policy.quotes.validity_days);
    for (const auto& category : policy.categories) {
        auto rules = policy.rules_for(category.name, "");
        fmt::print(
            "  {:<8} {}: return {} days, exchange {} days, warranty {} months from {}, "
            "review {} / complete {} working days\n",
            category.name, category.title, rules.no_reason_return_days, rules.exchange_days,
            rules.warranty_months, name_of(rules.warranty_from), rules.review_working_days,
            rules.complete_working_days);
        if (const auto* checklist = policy.qa_checklist(category.name))
            fmt::print("           QA: {} ({} steps)\n", checklist->title, checklist->steps.size());
        else
            fmt::print("           QA: no checklist ([qa.{}])\n", category.name);
    }
    for (const auto& [platform, layer] : policy.platforms)
        fmt::print("  platform {} has its own rules (see the file)\n", platform);
}

}  // namespace

void add_policy_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "policy", "The after-sales rules: check a policy file, put one in force, show it");
    command->require_subcommand(1);
    struct Options {
        std::string file, samples, operator_id;
    };
    auto options = std::make_shared<Options>();

    auto* check = command->add_subcommand(
        "check",
        "Check a policy file (refusals name the line and key) and print what it decides for the "
        "sample devices; changes nothing");
    check->add_option("FILE", options->file, "Policy file (TOML), e.g. examples/policy.toml")
        ->required();
    check->add_option("--samples", options->samples,
                      "Sample devices to decide, e.g. examples/policy-samples.json");
    check->callback([&context, options] {
        auto text = read_file(options->file);
        if (!text) return context.report(text.error());
        auto policy = station::parse_policy(*text, options->file);
        if (!policy) return context.report(policy.error());
        print_rules(*policy);
        if (options->samples.empty()) return;
        auto samples_text = read_file(options->samples);
        if (!samples_text) return context.report(samples_text.error());
        auto samples = station::parse_policy_samples(*samples_text, 0);
        if (!samples) return context.report(samples.error());
        int differ = 0;
        for (const auto& sample : samples->samples) {
            auto decision =
                station::decide_route(*policy, station::sample_facts(sample, samples->received_ms));
            fmt::print("\n{} ({}, {}): {}\n", sample.rma.number, name_of(sample.rma.type),
                       sample.rma.product_sku, sample.story);
            if (!decision) {
                fmt::print("  cannot decide: {}\n", decision.error().message);
                ++differ;
                continue;
            }
            bool same =
                sample.expected_route.empty() || sample.expected_route == name_of(decision->route);
            fmt::print(
                "  route {}{}\n", name_of(decision->route),
                same ? "" : fmt::format("  (the samples file expects {})", sample.expected_route));
            if (!same) ++differ;
            print_trace(decision->trace, "    ");
        }
        fmt::print("\n{} samples, {} decided otherwise than the file expects\n",
                   samples->samples.size(), differ);
    });

    auto* load = command->add_subcommand(
        "load",
        "Check a policy file and put it in force in the store (a refused file changes nothing: "
        "the policy in force stays)");
    load->add_option("FILE", options->file, "Policy file (TOML)")->required();
    load->add_option("--operator", options->operator_id,
                     "Badge code of who puts it in force (or STATION_OPERATOR)");
    load->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, options->operator_id);
        if (!person) return;
        auto loaded = station::load_policy_file(*store, options->file, person->id);
        if (!loaded) return context.report(loaded.error());
        fmt::print("policy {} {}\n", loaded->policy.version,
                   loaded->added ? "is now in force" : "was already in force");
    });

    auto* show = command->add_subcommand("show", "Show the policy in force");
    show->callback([&context] {
        auto store = context.open_store();
        if (!store) return;
        const auto* config = context.config();
        if (!config) return;
        auto file = station::configured_policy_file(*config);
        if (!file) return context.report(file.error());
        auto choice = station::current_policy(*store, *file);
        if (!choice) return context.report(choice.error());
        if (!choice->warning.empty()) fmt::print(stderr, "station: {}\n", choice->warning);
        print_rules(choice->policy);
    });
}

}  // namespace rs::cli
