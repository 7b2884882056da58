// `station locations add|list`: warehouses, zones and bins with their scannable codes.
#include <fmt/format.h>

#include "inventory/locations.h"
#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"

namespace rs::cli {

void add_locations_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("locations", "Warehouses, zones and bins");
    command->require_subcommand(1);

    struct Options {
        std::string code, make_bin, kind = "bin", parent, name;
    };
    auto options = std::make_shared<Options>();
    auto* add = command->add_subcommand("add", "Add a warehouse, zone or bin");
    add->add_option("CODE", options->code, "Scannable code (bins: BIN-... with check character)");
    add->add_option("--make-bin", options->make_bin, "Make a bin code from this body (A-Z 0-9 -)");
    add->add_option("--kind", options->kind, "warehouse, zone or bin")
        ->check(CLI::IsMember({"warehouse", "zone", "bin"}));
    add->add_option("--parent", options->parent, "Code of the zone or warehouse it is in");
    add->add_option("--name", options->name, "A name people use");
    add->callback([&context, options] {
        std::string code = options->code;
        if (!options->make_bin.empty())
            code = labels::make_own_id(labels::CodeKind::Bin, options->make_bin);
        if (code.empty())
            return context.report({ErrorCode::Invalid, "give a CODE or --make-bin BODY", "cli"});
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto added = inventory::add_location(
            inv, {0, code, *parse_enum<inventory::LocationKind>(options->kind), options->parent,
                  options->name});
        if (!added) return context.report(added.error());
        fmt::print("added {} {}\n", options->kind, code);
    });

    auto* list = command->add_subcommand("list", "List every location, virtual ones included");
    list->callback([&context] {
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto all = inventory::list_locations(inv);
        if (!all) return context.report(all.error());
        for (const auto& l : *all)
            fmt::print("{:<18} {:<16} {:<18} {}\n", l.code, name_of(l.kind), l.parent_code, l.name);
    });
}

}  // namespace rs::cli
