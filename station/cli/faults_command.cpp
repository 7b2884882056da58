// `station faults import|list`: the fault catalog of repair codes per product category.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "station/cli/cli_context.h"
#include "station/orders/diagnosis.h"

namespace rs::cli {

void add_faults_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "faults",
        "The fault catalog: condition, symptom, section, defect, repair and "
        "no-fault-found codes per product category (names in Chinese and English)");
    command->require_subcommand(1);
    struct Options {
        std::vector<std::string> files;
        std::string category, kind;
    };
    auto options = std::make_shared<Options>();

    auto* import = command->add_subcommand(
        "import",
        "Import catalog files (JSON, one per category, e.g. examples/faults/phone.json); "
        "each replaces its category's codes");
    import->add_option("FILE", options->files, "Catalog files")->required();
    import->callback([&context, options] {
        auto store = context.open_store();
    if (!store) return;
    for (const auto& path : options->files) {
        std::ifstream file(path, std::ios::binary);
        if (!file) return context.report({ErrorCode::NotFound, "cannot read " + path, "cli"});
        std::stringstream text;
        text << file.rdbuf();
        auto codes = station::parse_fault_catalog(text.str());
        if (!codes) {
            Error error = codes.error();
            error.message = path + ": " + error.message;
            return context.report(error);
        }
        auto imported = station::import_fault_catalog(*store, *codes);
        if (!imported) return context.report(imported.error());
        fmt::print("{}: {} codes for category {}\n", path, *imported, codes->front().category);
    }
});

auto* list = command->add_subcommand("list", "List the codes");
list->add_option("--category", options->category, "Only this category");
list->add_option("--kind", options->kind, "Only this code set")
    ->check(CLI::IsMember(all_names<station::FaultCodeKind>()));
list->callback([&context, options] {
    auto store = context.open_store();
    if (!store) return;
    auto codes = station::list_fault_codes(*store, options->category);
    if (!codes) return context.report(codes.error());
    if (codes->empty()) fmt::print("no fault codes: station faults import FILE\n");
    for (const auto& code : *codes) {
        if (!options->kind.empty() && options->kind != name_of(code.kind)) continue;
        fmt::print("{:<8} {:<15} {:<5} {} / {}{}\n", code.category, name_of(code.kind), code.code,
                   code.name_zh, code.name_en,
                   code.standard_minutes ? fmt::format("  ({} min)", code.standard_minutes) : "");
    }
});
}  // namespace rs::cli

}  // namespace rs::cli
