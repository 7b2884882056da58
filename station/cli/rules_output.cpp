// Printing route decisions with their traces, and quotes with their lines.
#include "station/cli/rules_output.h"

#include <fmt/format.h>

#include <cstdlib>

#include "common/clock.h"

namespace rs::cli {

std::string format_money(std::int64_t minor, const std::string& currency) {
    return fmt::format("{} {}{}.{:02}", currency, minor < 0 ? "-" : "", std::abs(minor) / 100,
                       std::abs(minor) % 100);
}

void print_decision(const station::RouteDecision& decision) {
    fmt::print("  route {} ({}, policy {}, category {}) confirmed by {} at {}{}\n",
               name_of(decision.route), name_of(decision.kind), decision.policy_version,
               decision.category.empty() ? "-" : decision.category, decision.confirmed_by,
               format_utc_ms(decision.decided_ms),
               decision.reason.empty() ? "" : "; reason: " + decision.reason);
    for (const auto& line : decision.trace)
        fmt::print("    {:<3} {}\n", line.rule, line.finding);
}

void print_quote(const station::Quote& quote) {
    fmt::print("  quote {} valid until {}{}\n", format_money(quote.total_minor, quote.currency),
               format_utc_ms(quote.valid_until_ms),
               quote.consent_required ? " (a substitute part: needs the customer's consent)" : "");
    for (const auto& line : quote.lines)
        fmt::print(
            "    {:<6} {:<16} {:>5} x {:>12} = {:>12}  {}\n", line.kind, line.code,
            line.kind == "labour" ? fmt::format("{}min", line.quantity)
                                  : std::to_string(line.quantity),
            format_money(line.unit_minor, quote.currency) + (line.kind == "labour" ? "/h" : ""),
            format_money(line.amount_minor, quote.currency), line.description);
    if (quote.accepted_ms)
        fmt::print("    accepted {} (recorded by {}){}\n", format_utc_ms(*quote.accepted_ms),
                   quote.accepted_by,
                   quote.substitutes_consented ? ", the customer consented to substitute parts"
                   : quote.consent_required    ? ", WITHOUT consent to substitute parts"
                                               : "");
}

void print_cost(const station::OrderCost& cost) {
    // No policy, no currency: the amounts alone.
    auto money = [&](std::int64_t minor) {
        std::string text = format_money(minor, cost.currency);
        return cost.currency.empty() ? text.substr(1) : text;
    };
    fmt::print("  cost       parts {} + labour {} = {}\n", money(cost.parts_minor),
               money(cost.labour_minor), money(cost.total_minor));
    for (const auto& line : cost.labour)
        fmt::print("             {} {}min x {}/h = {}\n", line.code, line.minutes,
                   money(cost.labour_rate_per_hour), money(line.amount_minor));
}

}  // namespace rs::cli
