// Whole units in stock: which part is a whole device of which product, exchanges and returns.
#include "inventory/units.h"

#include <fmt/format.h>

#include <cctype>

#include "common/store/row_reader.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"

namespace rs::inventory {
namespace {

constexpr const char* k_where = "inventory";
constexpr const char* k_customers = "CUSTOMERS";

// "Phone  X2 128gb" and "phone x2 128GB" name the same product.
std::string normalized(const std::string& product) {
    std::string out;
    for (char c : product) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

Status set_unit_product(Inventory& inventory, const std::string& sku, const std::string& product) {
    if (normalized(product).empty())
        return fail(ErrorCode::Invalid, "name the product the part is a whole unit of", k_where);
    return inventory.write([&]() -> Status {
        auto part = find_part(inventory, sku);
        if (!part) return std::unexpected(part.error());
        if (part->tracking != Tracking::Serial)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is tracked by {}: a whole unit is tracked by serial, one "
                                    "unit at a time",
                                    sku, name_of(part->tracking)),
                        k_where);
        auto statement = inventory.db().cached(
            "INSERT INTO inv_unit_products (part_id, product) VALUES (?1, ?2) "
            "ON CONFLICT (part_id) DO UPDATE SET product = excluded.product");
        if (!statement) return std::unexpected(statement.error());
        return (*statement)->bind_all(part->id, product).run();
    });
}

Result<std::optional<std::string>> unit_product_of(Inventory& inventory, std::int64_t part_id) {
    return inventory.db().query_one<std::string>(
        "SELECT product FROM inv_unit_products WHERE part_id = ?1", part_id);
}

Result<std::optional<Part>> unit_part_for(Inventory& inventory, const std::string& product) {
    auto query = inventory.db().prepare("SELECT part_id, product FROM inv_unit_products");
    if (!query) return std::unexpected(query.error());
    std::int64_t found = 0;
    auto read = query->each_row([&](store::RowReader row) {
        std::int64_t id = 0;
        std::string listed;
        row.read(id, listed);
        if (normalized(listed) == normalized(product)) found = id;
    });
    if (!read) return std::unexpected(read.error());
    if (found == 0) return std::optional<Part>{};
    auto part = find_part_by_id(inventory, found);
    if (!part) return std::unexpected(part.error());
    return std::optional<Part>{*part};
}

Result<IssuedUnit> issue_unit(Inventory& inventory, const UnitIssue& request) {
    if (request.serial.empty())
        return fail(ErrorCode::Invalid, "scan the serial of the replacement unit", k_where);
    return inventory.write([&]() -> Result<IssuedUnit> {
        // Where the serial is: a unit is on one shelf at a time.
        auto query = inventory.db().prepare(
            "SELECT b.part_id, l.code FROM inv_balances b JOIN inv_locations l ON "
            "l.id = b.location_id WHERE b.serial = ?1 AND b.qty > 0 AND l.kind = 'bin'");
        if (!query) return std::unexpected(query.error());
        query->bind(1, request.serial);
        std::int64_t part_id = 0;
        std::string bin;
        auto read = query->each_row([&](store::RowReader row) { row.read(part_id, bin); });
        if (!read) return std::unexpected(read.error());
        if (part_id == 0)
            return fail(ErrorCode::NotFound,
                        fmt::format("no unit with serial {} is on a shelf (received, not reserved "
                                    "or issued already?)",
                                    request.serial),
                        k_where);
        auto part = find_part_by_id(inventory, part_id);
        if (!part) return std::unexpected(part.error());
        auto product = unit_product_of(inventory, part_id);
        if (!product) return std::unexpected(product.error());
        if (!*product)
            return fail(ErrorCode::Conflict,
                        fmt::format("serial {} is a {} ({}), a spare part, not a whole unit",
                                    request.serial, part->sku, part->description_en),
                        k_where);
        if (normalized(**product) != normalized(request.product))
            return fail(ErrorCode::Conflict,
                        fmt::format("serial {} is a {}, the customer sent a {}: an exchange "
                                    "replaces a unit with the same product",
                                    request.serial, **product, request.product),
                        k_where);
        auto from = find_location(inventory, bin);
        if (!from) return std::unexpected(from.error());
        auto consumption = find_location(inventory, k_consumption);
        if (!consumption) return std::unexpected(consumption.error());
        MoveRequest move;
        move.part_id = part_id;
        move.from_id = from->id;
        move.to_id = consumption->id;
        move.qty = 1;
        move.serial = request.serial;
        move.reference = request.reference;
        move.person = request.person;
        move.reason = "exchange: replacement unit shipped to the customer";
        auto moved = post_move(inventory, move);
        if (!moved) return std::unexpected(moved.error());
        auto cost = query_int(inventory, "SELECT unit_cost FROM inv_moves WHERE id = ?1", *moved);
        if (!cost) return std::unexpected(cost.error());
        return IssuedUnit{*part, request.serial, bin, *cost, *moved};
    });
}

Result<std::int64_t> restock_returned_unit(Inventory& inventory, const ReturnedUnit& request) {
    if (request.serial.empty())
        return fail(ErrorCode::Invalid,
                    "the returned unit has no serial or IMEI on record: identify it first",
                    k_where);
    return inventory.write([&]() -> Result<std::int64_t> {
        auto part = unit_part_for(inventory, request.product);
        if (!part) return std::unexpected(part.error());
        if (!*part)
            return fail(ErrorCode::NotFound,
                        fmt::format("no part is a whole unit of {}: mark one with `station parts "
                                    "unit SKU --product \"{}\"`",
                                    request.product, request.product),
                        k_where);
        auto bin = find_location(inventory, request.bin);
        if (!bin) return std::unexpected(bin.error());
        if (bin->kind != LocationKind::Bin)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is not a bin: put the unit away in a bin", request.bin),
                        k_where);
        auto customers = find_location(inventory, k_customers);
        if (!customers) return std::unexpected(customers.error());
        MoveRequest move;
        move.part_id = (*part)->id;
        move.from_id = customers->id;
        move.to_id = bin->id;
        move.qty = 1;
        move.serial = request.serial;
        move.reference = request.reference;
        move.person = request.person;
        move.reason = fmt::format("customer return, grade {}", request.grade);
        move.unit_cost = (*part)->standard_cost;
        return post_move(inventory, move);
    });
}

}  // namespace rs::inventory
