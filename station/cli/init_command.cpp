// `station init`: create (or upgrade) a store, optionally with its first person.
#include <fmt/format.h>

#include "station/cli/cli_context.h"
#include "station/people/operators.h"

namespace rs::cli {

void add_init_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "init", "Create the store (or bring an existing one up to this version's schema)");
    struct Options {
        std::string operator_id, name, role = "supervisor";
    };
    auto options = std::make_shared<Options>();
    command->add_option("--operator", options->operator_id,
                        "Also add this first person (badge code, e.g. OP-0001 + check character)");
    command->add_option("--name", options->name, "Their name");
    command->add_option("--role", options->role, "Their role")
        ->check(CLI::IsMember({"technician", "warehouse", "parts_manager", "supervisor"}));
    command->callback([&context, options] {
        auto store = context.open_store(CliContext::IfMissing::Create);
        if (!store) return;
        fmt::print("store {} is ready\n", context.store_path());
        if (options->operator_id.empty()) return;
        auto by = people_admin(context, *store, "", "");
        if (!by) return;
        auto added = station::add_person(
            *store,
            {options->operator_id, options->name.empty() ? options->operator_id : options->name,
             *parse_enum<station::Role>(options->role)},
            *by);
        if (!added) return context.report(added.error());
        fmt::print("added {} ({}, {})\n", options->operator_id, options->name, options->role);
    });
}

}  // namespace rs::cli
