// Locations: validated inserts (bin codes must carry their check character) and lookups.
#include "inventory/locations.h"

#include <fmt/format.h>

#include "labels/codes/code_grammar.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

bool plain_code(const std::string& code) {
    if (code.empty()) return false;
    for (char c : code)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

Location read_location(store::RowReader row) {
    Location location;
    row.read(location.id, location.code, location.kind, location.parent_code, location.name);
    return location;
}

constexpr const char* k_columns =
    "SELECT l.id, l.code, l.kind, coalesce(p.code, ''), l.name FROM inv_locations l "
    "LEFT JOIN inv_locations p ON p.id = l.parent_id ";
}  // namespace

bool is_physical(LocationKind kind) {
    return kind == LocationKind::Warehouse || kind == LocationKind::Zone ||
           kind == LocationKind::Bin || kind == LocationKind::Workbench;
}

Result<std::int64_t> add_location(Inventory& inventory, const Location& location) {
    if (location.kind != LocationKind::Warehouse && location.kind != LocationKind::Zone &&
        location.kind != LocationKind::Bin)
        return fail(ErrorCode::Invalid,
                    "only warehouses, zones and bins can be added; the virtual locations "
                    "(SUPPLIER, CONSUMPTION, ...) exist in every store",
                    k_where);
    if (location.kind == LocationKind::Bin) {
        auto readings = labels::classify(location.code);
        const auto& best = readings.front();
        if (best.kind != labels::CodeKind::Bin || !best.valid)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is not a valid bin code ({}); bin codes look like {} "
                                    "(make one with `station locations add --make-bin BODY`)",
                                    location.code, best.why,
                                    labels::make_own_id(labels::CodeKind::Bin, "A-01-03")),
                        k_where);
    } else if (!plain_code(location.code)) {
        return fail(ErrorCode::Invalid,
                    fmt::format("location code '{}' may hold only A-Z, 0-9 and '-'", location.code),
                    k_where);
    }
    return inventory.write([&]() -> Result<std::int64_t> {
        std::optional<std::int64_t> parent;
        if (!location.parent_code.empty()) {
            auto found = find_location(inventory, location.parent_code);
            if (!found) return std::unexpected(found.error());
            parent = found->id;
        }
        auto id =
            query_int(inventory,
                      "INSERT INTO inv_locations (code, kind, parent_id, name, created_ms) "
                      "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                      location.code, location.kind, parent, location.name, inventory.now_ms());
        if (!id && id.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        fmt::format("location {} already exists", location.code), k_where);
        return id;
    });
}

Result<Location> find_location(Inventory& inventory, const std::string& code) {
    auto query = inventory.db().cached(std::string(k_columns) + "WHERE l.code = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, code);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
                    fmt::format("location {} does not exist (see `station locations list`)", code),
                    k_where);
    return read_location(**query);
}

Result<std::vector<Location>> list_locations(Inventory& inventory) {
    auto query = inventory.db().prepare(std::string(k_columns) + "ORDER BY l.id");
    if (!query) return std::unexpected(query.error());
    std::vector<Location> out;
    auto read = query->each_row([&](store::RowReader row) { out.push_back(read_location(row)); });
    if (!read) return std::unexpected(read.error());
    return out;
}

}  // namespace rs::inventory
