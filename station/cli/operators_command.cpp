// `station operators add|list|set-pin`: the people who may scan and act at this station.
#include <fmt/format.h>

#include <iostream>

#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"
#include "station/people/operators.h"
#include "station/people/pins.h"

namespace rs::cli {

void add_operators_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand("operators", "People who work at this station");
    command->require_subcommand(1);

    struct Options {
        std::string id, name, role;
        int badge_number = -1;
    };
    auto options = std::make_shared<Options>();
    auto* add = command->add_subcommand("add", "Add a person with their badge code and role");
    add->add_option("ID", options->id,
                    "Badge code (OP-digits + check character); see --badge to make one");
    add->add_option("--badge", options->badge_number,
                    "Make the badge code from this number instead of giving ID");
    add->add_option("--name", options->name, "Full name")->required();
    add->add_option("--role", options->role, "Role")
        ->required()
        ->check(CLI::IsMember({"technician", "warehouse", "parts_manager", "supervisor"}));
    add->callback([&context, options] {
        std::string id = options->id;
        if (options->badge_number >= 0)
            id = labels::make_own_id(labels::CodeKind::OperatorBadge,
                                     fmt::format("{:04}", options->badge_number));
        if (id.empty())
            return context.report(
                {ErrorCode::Invalid, "give a badge code ID or --badge NUMBER", "cli"});
        auto store = context.open_store();
        if (!store) return;
        auto added = station::add_operator(
            *store, {id, options->name, *parse_enum<station::Role>(options->role)});
        if (!added) return context.report(added.error());
        fmt::print("added {} ({}, {})\n", id, options->name, options->role);
    });

    struct PinOptions {
        std::string badge, set_by;
    };
    auto pin_options = std::make_shared<PinOptions>();
    auto* set_pin = command->add_subcommand(
        "set-pin",
        "Set the PIN a person types after scanning their badge to sign in to the web UI. The PIN "
        "(4 to 12 digits) is read from the first line of standard input, so it never shows in the "
        "shell's history or the process list; it is stored only as a slow salted hash. Setting it "
        "also lifts a lock from wrong PINs");
    set_pin->add_option("BADGE", pin_options->badge, "Badge code of the person")->required();
    set_pin->add_option("--operator", pin_options->set_by,
                        "Who sets it, for the audit log (default: the person themselves)");
    set_pin->callback([&context, pin_options] {
        std::string pin;
        std::getline(std::cin, pin);
        if (!pin.empty() && pin.back() == '\r') pin.pop_back();
        auto store = context.open_store();
        if (!store) return;
        auto done = station::set_pin(*store, pin_options->badge, pin, pin_options->set_by);
        if (!done) return context.report(done.error());
        fmt::print("PIN set for {}\n", pin_options->badge);
    });

    auto* list = command->add_subcommand("list", "List the people of this station");
    list->callback([&context] {
        auto store = context.open_store();
        if (!store) return;
        auto people = station::list_operators(*store);
        if (!people) return context.report(people.error());
        if (people->empty()) fmt::print("no operators yet: add one with `station operators add`\n");
        for (const auto& person : *people)
            fmt::print("{:<12} {:<14} {}\n", person.id, name_of(person.role), person.name);
    });
}

}  // namespace rs::cli
