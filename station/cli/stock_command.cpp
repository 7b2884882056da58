// `station stock receive|move|reserve|pick|consume|release|count|report|value`: the ledger.
#include <fmt/format.h>

#include "inventory/catalog.h"
#include "inventory/counting.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/receiving.h"
#include "inventory/reorder.h"
#include "inventory/reservations.h"
#include "inventory/valuation.h"
#include "station/cli/cli_context.h"
#include "station/cli/scan_argument.h"
#include "station/cli/with_inventory.h"
#include "station/orders/backorder_fill.h"
#include "station/orders/order_parts.h"
#include "station/people/operators.h"

namespace rs::cli {

namespace {
struct Options {
    std::string bin, order, sku, from, to, lot, serial, reference, person, reason, scan;
    std::string at, part;
    std::vector<std::string> scans;
    std::int64_t qty = 0;
    std::int64_t cost = -1;
    bool reorder = false;
};

// Runs `body` with the opened store once the person acting (--operator, else STATION_OPERATOR)
// is proven with their PIN (or a token): every change of stock is booked under them, never under
// nobody. The parts of a repair order go through station/orders/order_parts.h, which checks the
// order and the person's role.
template <class Body>
void with_store_as(CliContext& context, Options& options, Body&& body) {
    auto store = context.open_store();
    if (!store) return;
    auto proven = context.acting_person(*store, options.person);
    if (!proven) return;
    options.person = proven->id;
    body(*store);
}

// The same with an inventory, for a change of stock outside a repair order.
template <class Body>
void with_inventory_as(CliContext& context, Options& options, Body&& body) {
    with_store_as(context, options, [&](station::StationStore& store) {
        auto person =
            station::require_operator(store, options.person, station::k_people_roles, "stock");
        if (!person) return context.report(person.error());
        inventory::Inventory inv(store.db(), store.clock());
        body(inv);
    });
}

std::string money(std::int64_t minor) {
    return fmt::format("{}{}.{:02}", minor < 0 ? "-" : "", std::abs(minor) / 100,
                       std::abs(minor) % 100);
}

void add_receive(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* receive = command->add_subcommand(
        "receive",
        "Receive supplier labels (GS1: GTIN, lot, serial, quantity) into a bin. What arrives "
        "fills the open backorders of the part, the repair order due first first; an order whose "
        "last backorder is filled goes on to in_repair and its owner is told");
    receive->add_option("--bin", o->bin, "The bin scanned first")->required();
    receive->add_option("SCANS", o->scans, "Labels, or - for one per line on stdin")->required();
    receive->add_option("--qty", o->qty, "Units per label when the label has no (30)");
    receive->add_option("--cost", o->cost, "Unit cost charged by the supplier, minor units");
    receive->add_option("--ref", o->reference, "Delivery note or receipt number");
    receive->add_option("--operator", o->person, "Badge of who received (or STATION_OPERATOR)");
    receive->callback([&context, o] {
        with_store_as(context, *o, [&](station::StationStore& store) {
            int refused = 0;
            for (const auto& scan : collect_scans(o->scans)) {
                inventory::ReceiveRequest request{o->bin, scan};
                if (o->qty > 0) request.qty = o->qty;
                if (o->cost >= 0) request.unit_cost = o->cost;
                request.reference = o->reference;
                request.person = o->person;
                auto receipt = station::receive_stock(store, request);
                if (!receipt) {
                    ++refused;
                    fmt::print(stderr, "station: {}\n", receipt.error().message);
                    continue;
                }
                const auto& received = receipt->received;
                fmt::print("received {} x{}{}{} into {}\n", received.sku, received.qty,
                           received.lot.empty() ? "" : " lot " + received.lot,
                           received.serial.empty() ? "" : " serial " + received.serial, o->bin);
                for (const auto& fill : receipt->filled) {
                    fmt::print("  backorder of {} filled: {} x{} reserved{}{} (owner {})\n",
                               fill.order_number, fill.sku, fill.qty,
                               fill.still_short > 0
                                   ? fmt::format(", {} still short", fill.still_short)
                                   : "",
                               fill.deadline ? ", due " + station::day_text(*fill.deadline) : "",
                               fill.owner);
                    if (fill.moved_to)
                        fmt::print("  {} is now {}\n", fill.order_number, name_of(*fill.moved_to));
                }
            }
            if (refused > 0) context.exit_code = k_exit_needs_attention;
        });
    });
}

void add_move(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* move = command->add_subcommand("move", "Move stock from one location to another");
    move->add_option("SKU", o->sku, "The part")->required();
    move->add_option("FROM", o->from, "Location code")->required();
    move->add_option("TO", o->to, "Location code")->required();
    move->add_option("--qty", o->qty, "Units")->required();
    move->add_option("--lot", o->lot, "Lot, for lot-tracked parts");
    move->add_option("--serial", o->serial, "Serial, for serial-tracked parts");
    move->add_option("--reason", o->reason, "Why");
    move->add_option("--operator", o->person, "Badge of who moved it (or STATION_OPERATOR)");
    move->callback([&context, o] {
        with_inventory_as(context, *o, [&](inventory::Inventory& inv) {
            auto part = inventory::find_part(inv, o->sku);
            if (!part) return context.report(part.error());
            auto from = inventory::find_location(inv, o->from);
            if (!from) return context.report(from.error());
            auto to = inventory::find_location(inv, o->to);
            if (!to) return context.report(to.error());
            auto moved = inventory::move_stock(
                inv, {part->id, from->id, to->id, o->qty, o->lot, o->serial, "transfer", o->person,
                      o->reason.empty() ? "transfer" : o->reason});
            if (!moved) return context.report(moved.error());
            fmt::print("moved {} x{} {} -> {}\n", o->sku, o->qty, o->from, o->to);
        });
    });
}

void add_reserve(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* reserve = command->add_subcommand(
        "reserve",
        "Reserve parts for a repair order (between its diagnosis and QA; the part must fit its "
        "device; a substitute part needs the customer's consent on the accepted quote). A "
        "shortage is backordered and an order that could start its repair waits in "
        "awaiting_parts");
    reserve->add_option("ORDER", o->order, "Repair order")->required();
    reserve->add_option("SKU", o->sku, "The part")->required();
    reserve->add_option("--qty", o->qty, "Units (default 1)");
    reserve->add_option("--serial", o->serial, "A specific serial instead of the oldest lot");
    reserve->add_option("--operator", o->person, "Badge of who reserved (or STATION_OPERATOR)");
    reserve->callback([&context, o] {
        with_store_as(context, *o, [&](station::StationStore& store) {
            auto result = station::reserve_order_parts(
                store, {o->order, o->sku, o->qty > 0 ? o->qty : 1, o->serial, o->person});
            if (!result) return context.report(result.error());
            if (result->substitute)
                fmt::print("{} is a substitute, not the original part: the customer consented\n",
                           o->sku);
            for (const auto& line : result->stock.lines)
                fmt::print("reserved {} x{} in {}{}{}\n", o->sku, line.qty, line.location,
                           line.lot.empty() ? "" : " lot " + line.lot,
                           line.serial.empty() ? "" : " serial " + line.serial);
            if (result->stock.backordered > 0) {
                fmt::print("short by {}: backordered\n", result->stock.backordered);
                for (const auto& s : result->stock.substitutes)
                    fmt::print("  substitute {} ({} available)\n", s.sku, s.available);
                if (result->moved_to)
                    fmt::print("{} is now {}\n", o->order, name_of(*result->moved_to));
                context.exit_code = k_exit_needs_attention;
            }
        });
    });
}

void add_pick(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* pick = command->add_subcommand("pick", "Pick a reserved part: scan the bin, then it");
    pick->add_option("ORDER", o->order, "Repair order")->required();
    pick->add_option("BIN", o->bin, "The bin's label")->required();
    pick->add_option("PART", o->scan, "The part's label (GS1, GTIN or SKU)")->required();
    pick->add_option("--operator", o->person, "Badge of who picked (or STATION_OPERATOR)");
    pick->callback([&context, o] {
        with_store_as(context, *o, [&](station::StationStore& store) {
            auto line = station::pick_order_part(store, o->order, o->bin,
                                                 decode_scan_argument(o->scan), o->person);
            if (!line) return context.report(line.error());
            fmt::print("picked {} x{} for {}\n", line->sku, line->qty, o->order);
        });
    });
}

void add_consume(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* consume = command->add_subcommand(
        "consume", "The repair used its picked parts (the order is in repair); QA needs this");
    consume->add_option("ORDER", o->order, "Repair order")->required();
    consume->add_option("--operator", o->person, "Badge of who repaired (or STATION_OPERATOR)");
    consume->callback([&context, o] {
        with_store_as(context, *o, [&](station::StationStore& store) {
            auto units = station::consume_order_parts(store, o->order, o->person);
            if (!units) return context.report(units.error());
            fmt::print("consumed {} units for {}\n", *units, o->order);
        });
    });
}

void add_release(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* release = command->add_subcommand(
        "release",
        "Put an order's parts back and cancel its backorders (a declined, cancelled or scrapped "
        "order does this itself)");
    release->add_option("ORDER", o->order, "Repair order")->required();
    release->add_option("--operator", o->person, "Badge of who released (or STATION_OPERATOR)");
    release->callback([&context, o] {
        with_store_as(context, *o, [&](station::StationStore& store) {
            auto units = station::release_order_parts(store, o->order, o->person);
            if (!units) return context.report(units.error());
            fmt::print("released {} units of {}\n", *units, o->order);
        });
    });
}

void add_count(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* count = command->add_subcommand("count", "Count a bin by scanning what is in it");
    count->add_option("BIN", o->bin, "The bin")->required();
    count->add_option("SCANS", o->scans, "Part labels, or - for one per line on stdin");
    count->add_option("--reason", o->reason, "Reason posted with the adjustments");
    count->add_option("--operator", o->person, "Badge of who counted (or STATION_OPERATOR)");
    count->callback([&context, o] {
        with_inventory_as(context, *o, [&](inventory::Inventory& inv) {
            auto lines =
                inventory::count_bin(inv, o->bin, collect_scans(o->scans), o->reason, o->person);
            if (!lines) return context.report(lines.error());
            for (const auto& l : *lines)
                fmt::print(
                    "{:<20} lot {:<10} serial {:<12} expected {:>5} counted {:>5} "
                    "variance {:+}\n",
                    l.sku, l.lot, l.serial, l.expected, l.counted, l.variance());
        });
    });
}

void add_report(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* report = command->add_subcommand("report",
                                           "Stock on hand, an order's parts, backorders "
                                           "or the reorder list");
    report->add_option("--part", o->part, "Only this part");
    report->add_option("--order", o->order, "The reservations of this repair order");
    report->add_flag("--reorder", o->reorder, "Parts to reorder, with suggested quantities");
    report->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            if (o->reorder) {
                auto lines = inventory::reorder_report(inv);
                if (!lines) return context.report(lines.error());
                for (const auto& l : *lines)
                    fmt::print(
                        "{:<20} on hand {:>5} incoming {:>5} reserved {:>5} backordered "
                        "{:>5} reorder point {:>5} -> order {}\n",
                        l.sku, l.on_hand, l.incoming, l.reserved, l.backordered, l.reorder_point,
                        l.suggested);
                return;
            }
            if (!o->order.empty()) {
                auto lines = inventory::open_reservations(inv, o->order);
                if (!lines) return context.report(lines.error());
                for (const auto& l : *lines)
                    fmt::print("{:<20} x{:<4} {:<16} lot {:<10} serial {}\n", l.sku, l.qty,
                               l.location, l.lot, l.serial);
                return;
            }
            std::int64_t part_id = 0;
            if (!o->part.empty()) {
                auto part = inventory::find_part(inv, o->part);
                if (!part) return context.report(part.error());
                part_id = part->id;
            }
            auto balances = inventory::physical_balances(inv, part_id);
            if (!balances) return context.report(balances.error());
            for (const auto& b : *balances)
                fmt::print("{:<20} {:<16} lot {:<10} serial {:<12} qty {:>5} reserved {:>5}\n",
                           b.sku, b.location, b.lot, b.serial, b.qty, b.reserved);
            auto backorders = inventory::open_backorders(inv);
            if (!backorders) return context.report(backorders.error());
            for (const auto& b : *backorders)
                fmt::print("backorder {} x{} for {}\n", b.sku, b.qty, b.order_ref);
        });
    });
}

void add_value(CLI::App* command, CliContext& context, const std::shared_ptr<Options>& o) {
    auto* value = command->add_subcommand("value", "What the stock on hand is worth");
    value->add_option("--at", o->at, "At a past time (YYYY-MM-DD or ISO UTC): total only");
    value->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            if (!o->at.empty()) {
                std::int64_t at = parse_utc(o->at);
                if (at < 0)
                    return context.report(
                        {ErrorCode::Invalid, "--at takes YYYY-MM-DD or an ISO UTC time", "cli"});
                auto total = inventory::stock_value_at(inv, at);
                if (!total) return context.report(total.error());
                fmt::print("stock value at {}: {}\n", o->at, money(*total));
                return;
            }
            auto total = inventory::stock_value(inv);
            if (!total) return context.report(total.error());
            for (const auto& p : total->parts)
                fmt::print("{:<20} {:>6} x {:>10} = {:>12}\n", p.sku, p.on_hand,
                           money(p.average_cost), money(p.value));
            fmt::print("total {}\n", money(total->total));
        });
    });
}

}  // namespace

void add_stock_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("stock", "Spare parts stock: receive, move, reserve...");
    command->require_subcommand(1);
    auto o = std::make_shared<Options>();
    add_receive(command, context, o);
    add_move(command, context, o);
    add_reserve(command, context, o);
    add_pick(command, context, o);
    add_consume(command, context, o);
    add_release(command, context, o);
    add_count(command, context, o);
    add_report(command, context, o);
    add_value(command, context, o);
}

}  // namespace rs::cli
