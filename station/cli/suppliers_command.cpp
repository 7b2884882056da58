// `station suppliers add|list|show|edit|supplies`: who parts come from and go back to.
#include <fmt/format.h>

#include "inventory/supplier_returns.h"
#include "inventory/suppliers.h"
#include "station/cli/cli_context.h"
#include "station/cli/with_inventory.h"

namespace rs::cli {

namespace {

struct SupplierOptions {
    std::string name, contact, email, phone, address, new_name, sku, part_number;
    std::vector<std::string> supplies;
    bool remove = false;
};

void add_contact_options(CLI::App* command, SupplierOptions& o) {
    command->add_option("--contact", o.contact, "The person to ask");
    command->add_option("--email", o.email, "Their email address");
    command->add_option("--phone", o.phone, "Their phone number");
    command->add_option("--address", o.address,
                        "Where supplier returns are sent (printed on the return's label)");
}

void add_add(CLI::App* command, CliContext& context, const std::shared_ptr<SupplierOptions>& o) {
    auto* add = command->add_subcommand(
        "add", "Add a supplier: its name (unique, any letters), contact and return address");
    add->add_option("NAME", o->name, "The supplier's name")->required();
    add_contact_options(add, *o);
    add->add_option("--supplies", o->supplies,
                    "A part it supplies, SKU or SKU=SUPPLIER-PART-NUMBER (repeatable)");
    add->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            std::vector<inventory::SuppliedPart> supplies;
            for (const auto& entry : o->supplies) {
                auto equals = entry.find('=');
                supplies.push_back({entry.substr(0, equals), "",
                                    equals == std::string::npos ? "" : entry.substr(equals + 1)});
            }
            auto added = inventory::add_supplier(
                inv, {0, o->name, o->contact, o->email, o->phone, o->address}, supplies);
            if (!added) return context.report(added.error());
            fmt::print(
                "added supplier {}{}\n", o->name,
                o->supplies.empty() ? "" : fmt::format(", supplying {} parts", o->supplies.size()));
        });
    });
}

void add_list(CLI::App* command, CliContext& context) {
    auto* list = command->add_subcommand("list", "List the suppliers with their contact");
    list->callback([&context] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            auto suppliers = inventory::list_suppliers(inv);
            if (!suppliers) return context.report(suppliers.error());
            if (suppliers->empty())
                fmt::print("no suppliers yet: add one with `station suppliers add NAME`\n");
            for (const auto& s : *suppliers) {
                auto parts = inventory::supplied_parts(inv, s.id);
                if (!parts) return context.report(parts.error());
                fmt::print("{:<30} {:<16} {:<20} {:<28} {} parts\n", s.name, s.contact, s.phone,
                           s.email, parts->size());
            }
        });
    });
}

void add_show(CLI::App* command, CliContext& context, const std::shared_ptr<SupplierOptions>& o) {
    auto* show = command->add_subcommand(
        "show", "Show a supplier: contact, return address, the parts it supplies, its returns");
    show->add_option("NAME", o->name, "The supplier's name")->required();
    show->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            auto s = inventory::find_supplier(inv, o->name);
            if (!s) return context.report(s.error());
            fmt::print("{}\ncontact {}  phone {}  email {}\naddress {}\n", s->name, s->contact,
                       s->phone, s->email,
                       s->address.empty() ? "(none: needed to ship returns)" : s->address);
            auto parts = inventory::supplied_parts(inv, s->id);
            if (!parts) return context.report(parts.error());
            fmt::print("supplies {} parts\n", parts->size());
            for (const auto& p : *parts)
                fmt::print("  {:<20} {:<20} {}\n", p.sku,
                           p.supplier_part_number.empty() ? "-" : p.supplier_part_number,
                           p.description);
            auto returns = inventory::list_supplier_returns(inv, std::nullopt);
            if (!returns) return context.report(returns.error());
            for (const auto& r : *returns)
                if (r.supplier.id == s->id)
                    fmt::print("return {} {} ({} units held, {} shipped)\n", r.name(),
                               name_of(r.state), r.units(inventory::ReturnLineState::Held),
                               r.units(inventory::ReturnLineState::Shipped));
        });
    });
}

void add_edit(CLI::App* command, CliContext& context, const std::shared_ptr<SupplierOptions>& o) {
    auto* edit = command->add_subcommand("edit", "Change a supplier's name or contact");
    edit->add_option("NAME", o->name, "The supplier's name now")->required();
    edit->add_option("--name", o->new_name, "Its new name");
    add_contact_options(edit, *o);
    edit->callback([&context, o, edit] {
        inventory::SupplierChange change;
        // Only what was given changes; an option given empty clears that field.
        auto given = [&](const char* option, const std::string& value) {
            return edit->count(option) > 0 ? std::optional<std::string>(value) : std::nullopt;
        };
        change.name = given("--name", o->new_name);
        change.contact = given("--contact", o->contact);
        change.email = given("--email", o->email);
        change.phone = given("--phone", o->phone);
        change.address = given("--address", o->address);
        with_inventory(context, [&](inventory::Inventory& inv) {
            auto edited = inventory::edit_supplier(inv, o->name, change);
            if (!edited) return context.report(edited.error());
            fmt::print("supplier {}: {}, {}, {}, {}\n", edited->name, edited->contact,
                       edited->phone, edited->email, edited->address);
        });
    });
}

void add_supplies(CLI::App* command, CliContext& context,
                  const std::shared_ptr<SupplierOptions>& o) {
    auto* supplies = command->add_subcommand(
        "supplies",
        "Record that a supplier supplies a part (with its own part number), or no longer does");
    supplies->add_option("NAME", o->name, "The supplier's name")->required();
    supplies->add_option("SKU", o->sku, "The part, from the catalog")->required();
    supplies->add_option("--part-number", o->part_number, "The supplier's number for the part");
    supplies->add_flag("--remove", o->remove, "It no longer supplies the part");
    supplies->callback([&context, o] {
        with_inventory(context, [&](inventory::Inventory& inv) {
            if (o->remove) {
                if (auto ok = inventory::remove_supplied_part(inv, o->name, o->sku); !ok)
                    return context.report(ok.error());
                fmt::print("{} no longer supplies {}\n", o->name, o->sku);
                return;
            }
            if (auto ok = inventory::set_supplied_part(inv, o->name, o->sku, o->part_number); !ok)
                return context.report(ok.error());
            fmt::print("{} supplies {}{}\n", o->name, o->sku,
                       o->part_number.empty() ? "" : " as " + o->part_number);
        });
    });
}

}  // namespace

void add_suppliers_command(CLI::App& app, CliContext& context) {
    auto* command = app.add_subcommand(
        "suppliers", "Suppliers: contact, return address and the parts each one supplies");
    command->require_subcommand(1);
    auto o = std::make_shared<SupplierOptions>();
    add_add(command, context, o);
    add_list(command, context);
    add_show(command, context, o);
    add_edit(command, context, o);
    add_supplies(command, context, o);
}

}  // namespace rs::cli
