// `station parts add|list|show|import`: the spare parts catalog.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "cli_context.h"
#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "labels/codes/code_grammar.h"

namespace rs::cli {

namespace {
std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    if (text.empty()) return out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, separator))
        out.push_back(item);
    return out;
}

// One CSV line; fields may be quoted with "" for a quote inside.
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                out.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

constexpr const char* k_csv_header =
    "sku,mpn,gtins,description_zh,description_en,tracking,unit,standard_cost,reorder_point,"
    "reorder_qty,models,substitutes";
}  // namespace

void add_parts_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("parts", "The spare parts catalog");
    command->require_subcommand(1);

    struct Options {
        inventory::Part part;
        std::string make_sku, tracking = "none", file;
    };
    auto options = std::make_shared<Options>();
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
    add->callback([&context, options] {
        inventory::Part part = options->part;
        if (!options->make_sku.empty())
            part.sku = labels::make_own_id(labels::CodeKind::PartSku, options->make_sku);
        part.tracking = *parse_enum<inventory::Tracking>(options->tracking);
        auto store = context.open_store();
        if (!store) return;
        inventory::Inventory inv(store->db(), store->clock());
        auto added = inventory::add_part(inv, part);
        if (!added) return context.report(added.error());
        fmt::print("added {} ({})\n", part.sku, name_of(part.tracking));
    });

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
        fmt::print("on hand {}, reserved {}, available {}, average cost {}\n", stock->on_hand,
                   stock->reserved, stock->available(), stock->average_cost);
        auto balances = inventory::physical_balances(inv, part->id);
        if (!balances) return context.report(balances.error());
        for (const auto& b : *balances)
            fmt::print("  {:<16} lot {:<10} serial {:<12} qty {:>5} reserved {:>5}\n", b.location,
                       b.lot, b.serial, b.qty, b.reserved);
    });

    auto* import = command->add_subcommand(
        "import", fmt::format("Add parts from a CSV file with the header\n  {}\n(lists inside a "
                              "field are separated by |)",
                              k_csv_header));
    import->add_option("FILE", options->file, "The CSV file")->required()->check(CLI::ExistingFile);
    import->callback([&context, options] {
        std::ifstream in(options->file);
    std::string line;
    if (!std::getline(in, line) || csv_fields(line) != csv_fields(k_csv_header))
        return context.report(
            {ErrorCode::Invalid,
             fmt::format("{}: the first line must be the header {}", options->file, k_csv_header),
             "cli"});
    auto store = context.open_store();
    if (!store) return;
    inventory::Inventory inv(store->db(), store->clock());
    int number = 1, added = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r") continue;
        auto f = csv_fields(line);
        auto where = fmt::format("{} line {}", options->file, number);
        if (f.size() != 12)
            return context.report(
                {ErrorCode::Invalid, fmt::format("{}: 12 fields expected", where), "cli"});
        inventory::Part part;
        part.sku = f[0];
        part.mpn = f[1];
        part.gtins = split(f[2], '|');
        part.description_zh = f[3];
        part.description_en = f[4];
        auto tracking = parse_enum<inventory::Tracking>(f[5].empty() ? "none" : f[5]);
        if (!tracking)
            return context.report({ErrorCode::Invalid,
                                   fmt::format("{}: tracking is none, lot or serial", where),
                                   "cli"});
        part.tracking = *tracking;
        part.unit = f[6].empty() ? "pcs" : f[6];
        try {
            part.standard_cost = f[7].empty() ? 0 : std::stoll(f[7]);
            part.reorder_point = f[8].empty() ? 0 : std::stoll(f[8]);
            part.reorder_qty = f[9].empty() ? 0 : std::stoll(f[9]);
        } catch (const std::exception&) {
            return context.report(
                {ErrorCode::Invalid,
                 fmt::format("{}: cost and reorder figures must be whole numbers", where), "cli"});
        }
        part.compatible_models = split(f[10], '|');
        part.substitutes = split(f[11], '|');
        auto id = inventory::add_part(inv, part);
        if (!id) {
            Error error = id.error();
            error.message = fmt::format("{}: {}", where, error.message);
            return context.report(error);
        }
        ++added;
    }
    fmt::print("imported {} parts\n", added);
});
}  // namespace rs::cli

}  // namespace rs::cli
