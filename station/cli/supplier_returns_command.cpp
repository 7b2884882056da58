// `station supplier-returns open|add|remove|list|show|ship`: boxes of parts going back to a
// supplier, set aside while open, out of stock once shipped with their label.
#include <fmt/format.h>

#include "common/clock.h"
#include "inventory/locations.h"
#include "inventory/supplier_returns.h"
#include "station/cli/cli_context.h"
#include "station/cli/print_support.h"
#include "station/cli/with_inventory.h"
#include "station/orders/order_parts.h"
#include "station/printing/supplier_return_label.h"

namespace rs::cli {

namespace {

struct ReturnOptions {
    std::string supplier, supplier_rma, batch, sku, lot, serial, reason, from_bin, from_order;
    std::string reference, person, carrier, tracking, printer;
    std::int64_t qty = 1;
    std::int64_t line = 0;
    bool open = false, shipped = false;
    double wait = 10;
};

// Runs `body` with an inventory once the person acting is proven and has a role that handles
// parts: every set-aside is booked under somebody.
template <class Body>
void as_person(CliContext& context, ReturnOptions& o, Body&& body) {
    auto store = context.open_store();
    if (!store) return;
    auto proven = context.acting_person(*store, o.person);
    if (!proven) return;
    auto person =
        station::require_operator(*store, proven->id, station::k_people_roles, "supplier-returns");
    if (!person) return context.report(person.error());
    o.person = person->id;
    inventory::Inventory inv(store->db(), store->clock());
    body(*store, inv);
}

std::string line_text(const inventory::ReturnLine& l) {
    return fmt::format("{} x{}{}{} {} from {}{}", l.sku, l.qty,
                       l.lot.empty() ? "" : " lot " + l.lot,
                       l.serial.empty() ? "" : " serial " + l.serial, name_of(l.reason), l.origin,
                       l.reference.empty() ? "" : " (" + l.reference + ")");
}

void add_open(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* open = command->add_subcommand(
        "open", "Open a supplier return (a box of parts for one supplier); prints its number");
    open->add_option("SUPPLIER", o->supplier, "The supplier's name")->required();
    open->add_option("--supplier-rma", o->supplier_rma,
                     "The supplier's return authorization number, when it gives one");
    open->add_option("--operator", o->person, "Badge of who opens it (or STATION_OPERATOR)");
    open->callback([&context, o] {
        as_person(context, *o, [&](station::StationStore&, inventory::Inventory& inv) {
            auto batch =
                inventory::open_supplier_return(inv, o->supplier, o->supplier_rma, o->person);
            if (!batch) return context.report(batch.error());
            fmt::print("{} opened for {}\n", batch->name(), batch->supplier.name);
        });
    });
}

void add_add(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* add = command->add_subcommand(
        "add",
        "Put a part in an open supplier return. From a bin (--from-bin: doa, good_part_return, "
        "damaged) it is set aside in QUARANTINE: still on hand, no longer available. From a "
        "repair order (--from-order: core_return for the defective part taken out of the "
        "device, doa for a new part dead when fitted) it must be a part the order used");
    add->add_option("RETURN", o->batch, "The supplier return, SR-...")->required();
    add->add_option("--sku", o->sku, "The part")->required();
    add->add_option("--reason", o->reason, "doa, good_part_return, core_return or damaged")
        ->required()
        ->check(CLI::IsMember({"doa", "good_part_return", "core_return", "damaged"}));
    add->add_option("--qty", o->qty, "Units (default 1)");
    add->add_option("--lot", o->lot, "Lot, for lot-tracked parts");
    add->add_option("--serial", o->serial, "Serial, for serial-tracked parts");
    add->add_option("--from-bin", o->from_bin, "The bin the part is in");
    add->add_option("--from-order", o->from_order, "The repair order that used the part");
    add->add_option("--ref", o->reference, "The receipt it came with (from a bin)");
    add->add_option("--operator", o->person, "Badge of who adds it (or STATION_OPERATOR)");
    add->callback([&context, o] {
        as_person(context, *o, [&](station::StationStore& store, inventory::Inventory& inv) {
            inventory::ReturnLineRequest request{
                o->batch,    o->sku,        o->qty,
                o->lot,      o->serial,     *parse_enum<inventory::ReturnReason>(o->reason),
                o->from_bin, o->from_order, o->reference,
                o->person};
            auto line = o->from_order.empty() ? inventory::add_return_line(inv, request)
                                              : station::return_order_part(store, request);
            if (!line) return context.report(line.error());
            fmt::print("line {} of {}: {}\n", line->id, o->batch, line_text(*line));
        });
    });
}

void add_remove(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* remove = command->add_subcommand(
        "remove", "Take a line back out of an open supplier return (a part goes back to its bin)");
    remove->add_option("RETURN", o->batch, "The supplier return, SR-...")->required();
    remove->add_option("LINE", o->line, "The line's number (see `supplier-returns show`)")
        ->required();
    remove->add_option("--operator", o->person, "Badge of who removes it (or STATION_OPERATOR)");
    remove->callback([&context, o] {
        as_person(context, *o, [&](station::StationStore&, inventory::Inventory& inv) {
            auto line = inventory::remove_return_line(inv, o->batch, o->line, o->person);
            if (!line) return context.report(line.error());
            fmt::print("removed line {} from {}: {}{}\n", line->id, o->batch, line->sku,
                       line->origin == inventory::k_consumption ? "" : ", back in " + line->origin);
        });
    });
}

void print_batch(const inventory::SupplierReturnBatch& b) {
    fmt::print(
        "{} {} for {}{}: {} units held, {} shipped; opened {} by {}\n", b.name(), name_of(b.state),
        b.supplier.name, b.supplier_rma.empty() ? "" : " (supplier RMA " + b.supplier_rma + ")",
        b.units(inventory::ReturnLineState::Held), b.units(inventory::ReturnLineState::Shipped),
        format_utc_ms(b.opened_ms), b.opened_by);
    if (b.state == inventory::ReturnState::Shipped)
        fmt::print(
            "  shipped {} by {}{}\n", format_utc_ms(b.shipped_ms), b.shipped_by,
            b.carrier.empty() ? "" : fmt::format(" with {} {}", b.carrier, b.tracking_number));
}

void add_list(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* list = command->add_subcommand("list", "Supplier returns, newest first");
    list->add_flag("--open", o->open, "Only the open ones");
    list->add_flag("--shipped", o->shipped, "Only the shipped ones");
    list->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            std::optional<inventory::ReturnState> state;
            if (o->open != o->shipped)
                state = o->open ? inventory::ReturnState::Open : inventory::ReturnState::Shipped;
            auto batches = inventory::list_supplier_returns(inv, state);
            if (!batches) return context.report(batches.error());
            if (batches->empty())
                fmt::print(
                    "no supplier returns: open one with `station supplier-returns open "
                    "SUPPLIER`\n");
            for (const auto& b : *batches)
                print_batch(b);
        });
    });
}

void add_show(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* show = command->add_subcommand("show", "A supplier return and each of its lines");
    show->add_option("RETURN", o->batch, "The supplier return, SR-...")->required();
    show->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            auto batch = inventory::find_supplier_return(inv, o->batch);
            if (!batch) return context.report(batch.error());
            print_batch(*batch);
            for (const auto& l : batch->lines)
                fmt::print(
                    "  line {:<4} {:<8} {}{}\n", l.id, name_of(l.state), line_text(l),
                    l.supplier_part_number.empty() ? "" : " [" + l.supplier_part_number + "]");
        });
    });
}

void add_ship(CLI::App* command, CliContext& context, const std::shared_ptr<ReturnOptions>& o) {
    auto* ship = command->add_subcommand(
        "ship",
        "Ship a supplier return: its parts leave stock and its packing label prints, in one "
        "transaction (warehouse, parts manager or supervisor)");
    ship->add_option("RETURN", o->batch, "The supplier return, SR-...")->required();
    ship->add_option("--carrier", o->carrier, "The carrier taking it");
    ship->add_option("--tracking", o->tracking, "Its tracking number");
    ship->add_option("--printer", o->printer, "Default: [printers] default");
    ship->add_option("--operator", o->person, "Badge of who ships it (or STATION_OPERATOR)");
    ship->add_option("--wait", o->wait, "Seconds to wait for the label to print (0: queue only)")
        ->check(CLI::Range(0.0, 600.0));
    ship->callback([&context, o] {
        auto printing = printing_as(context, o->printer, o->person);
        if (!printing) return;
        auto& [printer, labels, store, person] = *printing;
        auto shipped = station::ship_supplier_return_with_label(
            *store, {o->batch, o->carrier, o->tracking, person.id, printer->name, labels});
        if (!shipped) return context.report(shipped.error());
        fmt::print("{} shipped to {}: {} units left stock; label job {} queued for {}\n",
                   shipped->batch.name(), shipped->batch.supplier.name,
                   shipped->batch.units(inventory::ReturnLineState::Shipped), shipped->print_job,
                   printer->name);
        run_printer_queue(context, *store, *printer, o->wait);
    });
}

}  // namespace

void add_supplier_returns_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "supplier-returns",
        "Parts going back to their supplier (dead on arrival, good parts, cores from repairs): "
        "open a return, add parts, ship it with its label");
    command->require_subcommand(1);
    auto o = std::make_shared<ReturnOptions>();
    add_open(command, context, o);
    add_add(command, context, o);
    add_remove(command, context, o);
    add_list(command, context, o);
    add_show(command, context, o);
    add_ship(command, context, o);
}

}  // namespace rs::cli
