// `station orders list|show|move`: repair orders and their history.
#include <fmt/format.h>

#include "common/clock.h"
#include "station/cli/cli_context.h"
#include "station/cli/rules_output.h"
#include "station/orders/diagnosis.h"
#include "station/orders/order_cost.h"
#include "station/orders/repair_orders.h"
#include "station/orders/workflow.h"
#include "station/rma/rma_json.h"
#include "station/rma/rma_store.h"

namespace rs::cli {
namespace {

// "3d 4h": how long the owner has held the case.
std::string age(std::int64_t since_ms, std::int64_t now_ms) {
    std::int64_t hours = std::max<std::int64_t>(0, now_ms - since_ms) / 3'600'000;
    return hours >= 24 ? fmt::format("{}d {}h", hours / 24, hours % 24) : fmt::format("{}h", hours);
}

nlohmann::json order_to_json(const station::RepairOrder& order) {
    return {{"number", order.number},
            {"id", order.id},
            {"rma_id", order.rma_id},
            {"rma_number", order.rma_number},
            {"state", name_of(order.state)},
            {"owner", order.owner_id},
            {"owner_since", format_utc_ms(order.owner_since_ms)},
            {"identity_cleared_by", order.identity_cleared_by},
            {"identity", name_of(order.identity_status)},
            {"device_identity", order.device_identity},
            {"created", format_utc_ms(order.created_ms)},
            {"updated", format_utc_ms(order.updated_ms)}};
}

void show_order(CliContext& context, const std::string& number, bool json) {
    auto store = context.open_store();
    if (!store) return;
    auto order = station::find_order_by_number(*store, number);
    if (!order) return context.report(order.error());
    if (!*order)
        return context.report(
            {ErrorCode::NotFound, fmt::format("no repair order {}", number), "cli"});
    auto rma = station::find_rma(*store, (*order)->rma_id);
    if (!rma) return context.report(rma.error());
    auto history = station::order_history(*store, (*order)->id);
    if (!history) return context.report(history.error());
    auto cost = station::order_cost(*store, **order);
    if (!cost) return context.report(cost.error());
    if (json) {
        nlohmann::json out = order_to_json(**order);
        out["cost"] = station::cost_to_json(*cost);
        out["history"] = nlohmann::json::array();
        for (const auto& entry : *history)
            out["history"].push_back(
                {{"time", format_utc_ms(entry.time_ms)},
                 {"operator", entry.operator_id},
                 {"action", entry.action},
                 {"from", entry.from_state},
                 {"to", entry.to_state},
                 {"detail", nlohmann::json::parse(entry.detail, nullptr, false)}});
        fmt::print("{}\n", out.dump(2));
        return;
    }
    const auto& o = **order;
    fmt::print("{}  state {}  owner {} (for {})\n", o.number, name_of(o.state), o.owner_id,
               age(o.owner_since_ms, store->now_ms()));
    fmt::print("  received   {} (scan {})\n", format_utc_ms(o.created_ms), o.arrival_scan);
    fmt::print("  device     {}{}\n", name_of(o.identity_status),
               o.device_identity.empty() ? "" : " (" + o.device_identity + ")");
    if (*rma) {
        const auto& r = **rma;
        fmt::print("  RMA        {} ({}, platform status {})\n", r.number, name_of(r.type),
                   name_of(r.status));
        fmt::print("  product    {} {}  serial {}  IMEI {}\n", r.product_model, r.product_sku,
                   r.expected_serial.empty() ? "-" : r.expected_serial,
                   r.expected_imei.empty() ? "-" : r.expected_imei);
        fmt::print("  customer   {} {}\n", r.customer_name, r.customer_phone);
        fmt::print("  return to  {}\n", station::format_address(r.return_address));
        if (!r.fault.empty()) fmt::print("  fault      {}\n", r.fault);
    }
    if (!o.identity_cleared_by.empty())
        fmt::print("  identity   mismatch cleared by {}: {}\n", o.identity_cleared_by,
                   o.identity_cleared_reason);
    auto diagnosis = station::latest_diagnosis(*store, o.id);
    if (!diagnosis) return context.report(diagnosis.error());
    if (*diagnosis) {
        const auto& d = **diagnosis;
        fmt::print("  diagnosis  condition {} symptom {} section {} defect {}, cause {} (by {})\n",
                   d.condition_code.empty() ? "-" : d.condition_code, d.symptom_code,
                   d.section_code.empty() ? "-" : d.section_code, d.defect_code, name_of(d.cause),
                   d.operator_id);
        fmt::print("             customer: {}\n", d.customer_symptom);
    }
    auto decision = station::route_in_force(*store, o.id);
    if (!decision) return context.report(decision.error());
    if (*decision) print_decision(**decision);
    auto quote = station::latest_quote(*store, o.id);
    if (!quote) return context.report(quote.error());
    if (*quote) print_quote(**quote);
    print_cost(*cost);
    fmt::print("  history:\n");
    for (const auto& entry : *history)
        fmt::print("    {}  {:<10} {:<20} {}{}\n", format_utc_ms(entry.time_ms), entry.operator_id,
                   entry.action,
                   entry.to_state.empty() ? "" : entry.from_state + " -> " + entry.to_state + " ",
                   entry.detail);
}

}  // namespace

void add_orders_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("orders", "Repair orders: list, show, move to a new state");
    command->require_subcommand(1);

    struct Options {
        std::string state, number, to, operator_id, note;
        int limit = 50;
        bool json = false, mine = false;
    };
    auto options = std::make_shared<Options>();

    auto* list = command->add_subcommand("list", "List repair orders, newest first");
    list->add_option("--state", options->state, "Only orders in this state")
        ->check(CLI::IsMember(all_names<station::OrderState>()));
    list->add_option("--limit", options->limit, "At most this many")->check(CLI::PositiveNumber);
    list->add_flag("--json", options->json, "One JSON object per order");
    list->add_flag("--mine", options->mine,
                   "Only the cases owned by --operator (or STATION_OPERATOR)");
    list->add_option("--operator", options->operator_id, "Whose cases --mine lists");
    list->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        station::OrderFilter filter;
        filter.limit = options->limit;
        if (!options->state.empty()) filter.state = parse_enum<station::OrderState>(options->state);
        if (options->mine) {
            std::string badge = operator_or_environment(options->operator_id);
            if (badge.empty())
                return context.report(
                    {ErrorCode::Invalid, "--mine needs --operator or STATION_OPERATOR", "cli"});
            filter.owner = badge;
        }
        auto orders = station::list_orders(*store, filter);
        if (!orders) return context.report(orders.error());
        if (orders->empty() && !options->json) fmt::print("no repair orders\n");
        for (const auto& order : *orders) {
            if (options->json) {
                fmt::print("{}\n", order_to_json(order).dump());
                continue;
            }
            fmt::print("{:<11} {:<18} {:<16} owner {:<10} {:>7} identity {:<9} {}\n", order.number,
                       name_of(order.state), order.rma_number, order.owner_id,
                       age(order.owner_since_ms, store->now_ms()), name_of(order.identity_status),
                       format_utc_ms(order.created_ms));
        }
    });

    auto* show = command->add_subcommand("show", "Show one repair order with its RMA and history");
    show->add_option("ORDER", options->number, "Repair order number, e.g. RO-000001 + check")
        ->required();
    show->add_flag("--json", options->json, "As JSON");
    show->callback([&context, options] { show_order(context, options->number, options->json); });

    add_orders_rules_subcommands(*command, context);

    auto* move = command->add_subcommand(
        "move", "Move a repair order to another state (checked against the state machine)");
    move->add_option("ORDER", options->number, "Repair order number")->required();
    move->add_option("STATE", options->to, "The new state")
        ->required()
        ->check(CLI::IsMember(all_names<station::OrderState>()));
    move->add_option("--operator", options->operator_id,
                     "Badge code of who does it (or STATION_OPERATOR); the PIN is asked");
    move->add_option("--note", options->note, "Why, kept in the audit log");
    move->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        auto person = context.acting_person(*store, options->operator_id);
        if (!person) return;
        auto moved = station::move_order(
            *store, {options->number, *parse_enum<station::OrderState>(options->to), person->id,
                     options->note});
        if (!moved) return context.report(moved.error());
        fmt::print("{} is now {}\n", moved->number, name_of(moved->state));
    });
}

}  // namespace rs::cli
