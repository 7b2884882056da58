// Suppliers: validated records, lookups by name, and the parts each supplier supplies.
#include "inventory/suppliers.h"

#include <fmt/format.h>

#include "inventory/catalog.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

constexpr const char* k_columns =
    "SELECT id, name, contact, email, phone, address FROM inv_suppliers ";

Supplier read_supplier(store::RowReader row) {
    Supplier supplier;
    row.read(supplier.id, supplier.name, supplier.contact, supplier.email, supplier.phone,
             supplier.address);
    return supplier;
}

// A name people type and print: not empty, no control characters, not absurdly long.
Status check_name(const std::string& name) {
    if (name.find_first_not_of(" \t") == std::string::npos)
        return fail(ErrorCode::Invalid, "a supplier needs a name", k_where);
    if (name.size() > 200)
        return fail(ErrorCode::Invalid, "a supplier's name has at most 200 bytes", k_where);
    for (unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return fail(ErrorCode::Invalid, "a supplier's name has no control characters", k_where);
    return {};
}

Status check_email(const std::string& email) {
    if (email.empty()) return {};
    auto at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size() ||
        email.find_first_of(" \t\r\n") != std::string::npos)
        return fail(ErrorCode::Invalid, fmt::format("'{}' is not an email address", email),
                    k_where);
    return {};
}

Result<std::optional<Supplier>> lookup(Inventory& inventory, const std::string& name) {
    auto query = inventory.db().cached(std::string(k_columns) + "WHERE lower(name) = lower(?1)");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, name);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<Supplier>();
    return std::optional<Supplier>(read_supplier(**query));
}

Status conflict_if_taken(Inventory& inventory, const std::string& name, std::int64_t own_id) {
    auto existing = lookup(inventory, name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing && (*existing)->id != own_id)
        return fail(ErrorCode::Conflict,
                    fmt::format("there is a supplier named '{}' already (see `station suppliers "
                                "show '{}'`)",
                                (*existing)->name, (*existing)->name),
                    k_where);
    return {};
}
}  // namespace

Result<std::int64_t> add_supplier(Inventory& inventory, const Supplier& supplier,
                                  const std::vector<SuppliedPart>& supplies) {
    if (auto ok = check_name(supplier.name); !ok) return std::unexpected(ok.error());
    if (auto ok = check_email(supplier.email); !ok) return std::unexpected(ok.error());
    return inventory.write([&]() -> Result<std::int64_t> {
        if (auto ok = conflict_if_taken(inventory, supplier.name, 0); !ok)
            return std::unexpected(ok.error());
        auto id = query_int(inventory,
                            "INSERT INTO inv_suppliers (name, contact, email, phone, address, "
                            "created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                            supplier.name, supplier.contact, supplier.email, supplier.phone,
                            supplier.address, inventory.now_ms());
        if (!id) return id;
        for (const auto& part : supplies)
            if (auto ok = set_supplied_part(inventory, supplier.name, part.sku,
                                            part.supplier_part_number);
                !ok)
                return std::unexpected(ok.error());
        return id;
    });
}

Result<Supplier> edit_supplier(Inventory& inventory, const std::string& name,
                               const SupplierChange& change) {
    if (change.name)
        if (auto ok = check_name(*change.name); !ok) return std::unexpected(ok.error());
    if (change.email)
        if (auto ok = check_email(*change.email); !ok) return std::unexpected(ok.error());
    return inventory.write([&]() -> Result<Supplier> {
        auto supplier = find_supplier(inventory, name);
        if (!supplier) return std::unexpected(supplier.error());
        if (change.name) {
            if (auto ok = conflict_if_taken(inventory, *change.name, supplier->id); !ok)
                return std::unexpected(ok.error());
            supplier->name = *change.name;
        }
        if (change.contact) supplier->contact = *change.contact;
        if (change.email) supplier->email = *change.email;
        if (change.phone) supplier->phone = *change.phone;
        if (change.address) supplier->address = *change.address;
        auto update = inventory.db().cached(
            "UPDATE inv_suppliers SET name = ?2, contact = ?3, email = ?4, phone = ?5, "
            "address = ?6 WHERE id = ?1");
        if (!update) return std::unexpected(update.error());
        (*update)->bind_all(supplier->id, supplier->name, supplier->contact, supplier->email,
                            supplier->phone, supplier->address);
        if (auto ok = (*update)->run(); !ok) return std::unexpected(ok.error());
        return *supplier;
    });
}

Result<Supplier> find_supplier(Inventory& inventory, const std::string& name) {
    auto found = lookup(inventory, name);
    if (!found) return std::unexpected(found.error());
    if (*found) return **found;
    auto all = list_suppliers(inventory);
    if (!all) return std::unexpected(all.error());
    std::string known;
    for (const auto& supplier : *all)
        known += (known.empty() ? "" : ", ") + supplier.name;
    return fail(ErrorCode::NotFound,
                all->empty() ? fmt::format("no supplier named '{}': there is none yet (add one "
                                           "with `station suppliers add NAME`)",
                                           name)
                             : fmt::format("no supplier named '{}' (there are: {})", name, known),
                k_where);
}

Result<Supplier> find_supplier_by_id(Inventory& inventory, std::int64_t id) {
    auto query = inventory.db().cached(std::string(k_columns) + "WHERE id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::NotFound, fmt::format("no supplier with id {}", id), k_where);
    return read_supplier(**query);
}

Result<std::vector<Supplier>> list_suppliers(Inventory& inventory) {
    auto query = inventory.db().prepare(std::string(k_columns) + "ORDER BY lower(name)");
    if (!query) return std::unexpected(query.error());
    std::vector<Supplier> out;
    auto read = query->each_row([&](store::RowReader row) { out.push_back(read_supplier(row)); });
    if (!read) return std::unexpected(read.error());
    return out;
}

Status set_supplied_part(Inventory& inventory, const std::string& supplier_name,
                         const std::string& sku, const std::string& supplier_part_number) {
    return inventory.write([&]() -> Status {
        auto supplier = find_supplier(inventory, supplier_name);
        if (!supplier) return std::unexpected(supplier.error());
        auto part = find_part(inventory, sku);
        if (!part) return std::unexpected(part.error());
        auto upsert = inventory.db().cached(
            "INSERT INTO inv_supplier_parts (supplier_id, part_id, supplier_part_number) "
            "VALUES (?1, ?2, ?3) ON CONFLICT (supplier_id, part_id) DO UPDATE SET "
            "supplier_part_number = excluded.supplier_part_number");
        if (!upsert) return std::unexpected(upsert.error());
        return (*upsert)->bind_all(supplier->id, part->id, supplier_part_number).run();
    });
}

Status remove_supplied_part(Inventory& inventory, const std::string& supplier_name,
                            const std::string& sku) {
    return inventory.write([&]() -> Status {
        auto supplier = find_supplier(inventory, supplier_name);
        if (!supplier) return std::unexpected(supplier.error());
        auto part = find_part(inventory, sku);
        if (!part) return std::unexpected(part.error());
        auto remove = inventory.db().cached(
            "DELETE FROM inv_supplier_parts WHERE supplier_id = ?1 AND part_id = ?2");
        if (!remove) return std::unexpected(remove.error());
        auto removed = (*remove)->bind_all(supplier->id, part->id).run_and_count();
        if (!removed) return std::unexpected(removed.error());
        if (*removed == 0)
            return fail(ErrorCode::NotFound,
                        fmt::format("{} does not supply {}", supplier->name, sku), k_where);
        return Status{};
    });
}

Result<std::vector<SuppliedPart>> supplied_parts(Inventory& inventory, std::int64_t supplier_id) {
    auto query = inventory.db().prepare(
        "SELECT p.sku, CASE WHEN p.description_en <> '' THEN p.description_en ELSE "
        "p.description_zh END, s.supplier_part_number FROM inv_supplier_parts s JOIN inv_parts p "
        "ON p.id = s.part_id WHERE s.supplier_id = ?1 ORDER BY p.sku");
    if (!query) return std::unexpected(query.error());
    query->bind(1, supplier_id);
    std::vector<SuppliedPart> out;
    auto read = query->each_row([&](store::RowReader row) {
        SuppliedPart part;
        row.read(part.sku, part.description, part.supplier_part_number);
        out.push_back(std::move(part));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

Result<std::optional<std::string>> supplier_part_number(Inventory& inventory,
                                                        std::int64_t supplier_id,
                                                        std::int64_t part_id) {
    return inventory.db().query_one<std::string>(
        "SELECT supplier_part_number FROM inv_supplier_parts WHERE supplier_id = ?1 AND "
        "part_id = ?2",
        supplier_id, part_id);
}

}  // namespace rs::inventory
