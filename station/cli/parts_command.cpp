// `station parts add|list|show|import|unit`: the spare parts catalog.
#include <fmt/format.h>

#include <fstream>

#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "inventory/part_csv.h"
#include "inventory/units.h"
#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"

namespace rs::cli {

namespace {

struct PartOptions {
    inventory::Part part;
    std::string make_sku, tracking = "none";
    std::string whole_unit_of;
};

void add_add_part(CLI::App* command, CliContext& context,
                  const std::shared_ptr<PartOptions>& options) {
    auto* add = command->add_subcommand("add", "Add a part to the catalog");
    add->add_option("SKU", options->part.sku, "SKU-... with its check character; or --make-sku");
    add->add_option("--make-sku", options->make_sku, "Make the SKU from this body (A-Z, 0-9, -)");
    add->add_option("--mpn", options->part.mpn, "Manufacturer part number");
    add->add_option("--gtin", options->part.gtins, "GTIN on the supplier's label (repeatable)");
    add->add_option("--zh", options->part.description_zh, "Description in Chinese");
    add->add_option("--en", options->part.description_en, "Description in English");
    add->add_option("--tracking", options->tracking, "none, lot or serial")
        ->check(CLI::IsMember({"none", "lot", "serial"}));
    add->add_option("--unit", options->part.unit, "Unit of measure");
    add->add_option("--cost", options->part.standard_cost, "Standard cost in minor units (fen)");
    add->add_option("--reorder-point", options->part.reorder_point, "Reorder at or below this");
    add->add_option("--reorder-qty", options->part.reorder_qty, "Order in multiples of this");
    add->add_option("--model", options->part.compatible_models, "Compatible model (repeatable)");
    add->add_option("--substitute", options->part.substitutes,
                    "SKU allowed when this one is out, best first (repeatable)");
    add->add_option("--whole-unit-of", options->whole_unit_of,
                    "The part is a whole device of this product, as the platform names it "
                    "(\"Phone X2 128GB\"): a replacement unit for exchanges (--tracking serial)");
    add->callback([&context, options] {
        inventory::Part part = options->part;
        if (!options->make_sku.empty())
            part.sku = labels::make_own_id(labels::CodeKind::PartSku, options->make_sku);
        part.tracking = *parse_enum<inventory::Tracking>(options->tracking);
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto added = inv.write([&]() -> Status {
            if (auto made = inventory::add_part(inv, part); !made)
                return std::unexpected(made.error());
            if (options->whole_unit_of.empty()) return {};
            return inventory::set_unit_product(inv, part.sku, options->whole_unit_of);
        });
        if (!added) return context.report(added.error());
        fmt::print(
            "added {} ({}){}\n", part.sku, name_of(part.tracking),
            options->whole_unit_of.empty() ? "" : ", a whole unit of " + options->whole_unit_of);
    });
}

void add_list(CLI::App* command, CliContext& context) {
    auto* list = command->add_subcommand("list", "List the catalog with stock on hand");
    list->callback([&context] {
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto parts = inventory::list_parts(inv);
        if (!parts) return context.report(parts.error());
        if (parts->empty()) fmt::print("no parts yet: add one with `station parts add`\n");
        for (const auto& part : *parts) {
            auto stock = inventory::part_stock(inv, part.id);
            if (!stock) return context.report(stock.error());
            fmt::print("{:<20} {:<6} on hand {:>6} available {:>6}  {}\n", part.sku,
                       name_of(part.tracking), stock->on_hand, stock->available(),
                       part.description_en.empty() ? part.description_zh : part.description_en);
        }
    });
}

void add_show(CLI::App* command, CliContext& context, const std::shared_ptr<PartOptions>& options) {
    auto* show = command->add_subcommand("show", "Show one part, its stock and latest moves");
    show->add_option("SKU", options->part.sku, "The part")->required();
    show->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto part = inventory::find_part(inv, options->part.sku);
        if (!part) return context.report(part.error());
        auto stock = inventory::part_stock(inv, part->id);
        if (!stock) return context.report(stock.error());
        fmt::print("{}  {} / {}\nMPN {}  tracking {}  unit {}  cost {}  reorder at {} by {}\n",
                   part->sku, part->description_zh, part->description_en, part->mpn,
                   name_of(part->tracking), part->unit, part->standard_cost, part->reorder_point,
                   part->reorder_qty);
        fmt::print("GTINs: {}\nmodels: {}\nsubstitutes: {}\n", fmt::join(part->gtins, ", "),
                   fmt::join(part->compatible_models, ", "), fmt::join(part->substitutes, ", "));
        fmt::print(
            "on hand {}, reserved {}, set aside for supplier returns {}, available {}, "
            "average cost {}\n",
            stock->on_hand, stock->reserved, stock->held, stock->available(), stock->average_cost);
        auto balances = inventory::physical_balances(inv, part->id);
        if (!balances) return context.report(balances.error());
        for (const auto& b : *balances)
            fmt::print("  {:<16} lot {:<10} serial {:<12} qty {:>5} reserved {:>5}\n", b.location,
                       b.lot, b.serial, b.qty, b.reserved);
    });
}

void add_import(CLI::App* command, CliContext& context) {
    auto file = std::make_shared<std::string>();
    auto* import = command->add_subcommand(
        "import", fmt::format("Add parts from a CSV file with the header\n  {}\n(lists inside a "
                              "field are separated by |)",
                              inventory::k_parts_csv_header));
    import->add_option("FILE", *file, "The CSV file")->required()->check(CLI::ExistingFile);
    import->callback([&context, file] {
        std::ifstream in(*file);
    auto parts = inventory::read_parts_csv(in, *file);
    if (!parts) return context.report(parts.error());
    auto store = context.open_store();
    if (!store) return;
    inventory::Inventory inv(store->db(), store->clock());
    for (const auto& [line, part] : *parts)
        if (auto id = inventory::add_part(inv, part); !id) {
            Error error = id.error();
            error.message = fmt::format("{} line {}: {}", *file, line, error.message);
            return context.report(error);
        }
    fmt::print("imported {} parts\n", parts->size());
});
}  // namespace

void add_whole_unit(CLI::App* command, CliContext& context) {
    struct UnitOptions {
        std::string sku, product;
    };
    auto options = std::make_shared<UnitOptions>();
    auto* unit = command->add_subcommand(
        "unit",
        "Mark a serial-tracked part as a whole device of a product: exchanges take replacement "
        "units of the customer's product from it, inspected returns go back into stock as it");
    unit->add_option("SKU", options->sku, "The part")->required();
    unit->add_option("--product", options->product,
                     "The product as the platform names it, variant included")
        ->required();
    unit->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        if (auto set = inventory::set_unit_product(inv, options->sku, options->product); !set)
            return context.report(set.error());
        fmt::print("{} is a whole unit of {}\n", options->sku, options->product);
    });
}

}  // namespace rs::cli

void add_parts_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("parts", "The spare parts catalog");
    command->require_subcommand(1);
    auto options = std::make_shared<PartOptions>();
    add_add_part(command, context, options);
    add_list(command, context);
    add_show(command, context, options);
    add_import(command, context);
    add_whole_unit(command, context);
}

}  // namespace rs::cli
