// `station operators add|list|set-pin|add-token|revoke-token`: the people (and scripts) who may
// act at this station, and who may change them.
#include <fmt/format.h>

#include <iostream>

#include "labels/codes/code_grammar.h"
#include "station/cli/cli_context.h"
#include "station/people/operators.h"
#include "station/people/pins.h"
#include "station/people/proof.h"
#include "station/people/tokens.h"

namespace rs::cli {

std::optional<std::string> people_admin(CliContext& context, station::StationStore& store,
                                        const std::string& given, const std::string& self) {
    auto setup = station::store_in_setup(store);
    if (!setup) {
        context.report(setup.error());
        return std::nullopt;
    }
    if (*setup) {
        fmt::print(stderr,
                   "station: no supervisor of this store has a PIN yet, so anyone may set it up; "
                   "give a supervisor a PIN (`station operators set-pin`) to close it\n");
        return std::string(k_setup_actor);
    }
    auto person = context.acting_person(store, given.empty() ? self : given);
    if (!person) return std::nullopt;
    if (person->role != station::Role::Supervisor && person->id != self) {
        context.report({ErrorCode::Invalid,
                        fmt::format("{} is a {}: only a supervisor changes the people of this "
                                    "station",
                                    person->id, name_of(person->role)),
                        "cli"});
        return std::nullopt;
    }
    return person->id;
}

namespace {

void add_add(CLI::App& command, CliContext& context) {
    struct Options {
        std::string id, name, role, by;
        int badge_number = -1;
    };
    auto options = std::make_shared<Options>();
    auto* add = command.add_subcommand(
        "add", "Add a person with their badge code and role (a supervisor does it, proven)");
    add->add_option("ID", options->id,
                    "Badge code (OP-digits + check character); see --badge to make one");
    add->add_option("--badge", options->badge_number,
                    "Make the badge code from this number instead of giving ID");
    add->add_option("--name", options->name, "Full name")->required();
    add->add_option("--role", options->role, "Role")
        ->required()
        ->check(CLI::IsMember({"technician", "warehouse", "parts_manager", "supervisor"}));
    add->add_option("--operator", options->by,
                    "Badge of the supervisor who adds them (or STATION_OPERATOR); the PIN is "
                    "asked");
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
        auto by = people_admin(context, *store, options->by, "");
        if (!by) return;
        auto added = station::add_person(
            *store, {id, options->name, *parse_enum<station::Role>(options->role)}, *by);
        if (!added) return context.report(added.error());
        fmt::print("added {} ({}, {})\n", id, options->name, options->role);
    });
}

void add_set_pin(CLI::App& command, CliContext& context) {
    struct Options {
        std::string badge, by;
    };
    auto options = std::make_shared<Options>();
    auto* set_pin = command.add_subcommand(
        "set-pin",
        "Set the PIN a person types after their badge (4 to 12 digits): read from the first "
        "line of standard input, so it never shows in the shell's history or the process list; "
        "stored only as a slow salted hash. A supervisor sets anyone's (and so lifts a lock); a "
        "person changes their own, proven with the PIN they have");
    set_pin->add_option("BADGE", options->badge, "Badge code of the person")->required();
    set_pin->add_option("--operator", options->by,
                        "Who sets it (default: the person themselves); their PIN is asked");
    set_pin->callback([&context, options] {
        std::string pin;
        std::getline(std::cin, pin);
        if (!pin.empty() && pin.back() == '\r') pin.pop_back();
        auto store = context.open_store();
        if (!store) return;
        auto by = people_admin(context, *store, options->by, options->badge);
        if (!by) return;
        auto done = station::set_pin(*store, options->badge, pin, *by);
        if (!done) return context.report(done.error());
        fmt::print("PIN set for {}\n", options->badge);
    });
}

void add_tokens(CLI::App& command, CliContext& context) {
    struct Options {
        std::string name, role, badge, by;
    };
    auto options = std::make_shared<Options>();
    auto* add_token = command.add_subcommand(
        "add-token",
        "Issue a station token for a script: it acts as an operator of its own with ROLE, named "
        "in the audit log. The secret is printed once: keep it in a file only the script's user "
        "can read and give that file as STATION_TOKEN_FILE");
    add_token->add_option("NAME", options->name, "What the script is (\"nightly import\")")
        ->required();
    add_token->add_option("--role", options->role, "The token's role")
        ->required()
        ->check(CLI::IsMember({"technician", "warehouse", "parts_manager", "supervisor"}));
    add_token->add_option("--operator", options->by, "Badge of the supervisor; the PIN is asked");
    add_token->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        auto by = people_admin(context, *store, options->by, "");
        if (!by) return;
        auto issued = station::issue_token(*store, options->name,
                                           *parse_enum<station::Role>(options->role), *by);
        if (!issued) return context.report(issued.error());
        // The secret alone on stdout, so `> FILE` keeps exactly what STATION_TOKEN_FILE reads.
        fmt::print("{}\n", issued->secret);
        fmt::print(stderr, "station: token {} ({}, {}) issued; its secret is shown only now\n",
                   issued->holder.id, issued->holder.name, options->role);
    });

    auto* revoke = command.add_subcommand("revoke-token", "Revoke a script's token");
    revoke->add_option("BADGE", options->badge, "The token's badge code (operators list)")
        ->required();
    revoke->add_option("--operator", options->by, "Badge of the supervisor; the PIN is asked");
    revoke->callback([&context, options] {
        auto store = context.open_store();
        if (!store) return;
        auto by = people_admin(context, *store, options->by, "");
        if (!by) return;
        if (auto revoked = station::revoke_token(*store, options->badge, *by); !revoked)
            return context.report(revoked.error());
        fmt::print("token {} revoked\n", options->badge);
    });
}

}  // namespace

void add_operators_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "operators",
        "People who work at this station and the tokens of its scripts (docs/people.md)");
    command->require_subcommand(1);
    add_add(*command, context);
    add_set_pin(*command, context);
    add_tokens(*command, context);

    auto* list = command->add_subcommand("list", "List the people and tokens of this station");
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
