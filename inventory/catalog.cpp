// Parts catalog: validated inserts and lookups of parts with their GTINs, models, substitutes.
#include "inventory/catalog.h"

#include <cctype>

#include <fmt/format.h>

#include "labels/codes/check_digits.h"
#include "labels/codes/code_grammar.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

Status check_sku(const std::string& sku) {
    auto readings = labels::classify(sku);
    const auto& best = readings.front();
    if (best.kind != labels::CodeKind::PartSku || !best.valid)
        return fail(
            ErrorCode::Invalid,
            fmt::format("{} is not a valid part SKU ({}); SKUs look like {} (make one "
                        "with `station parts add --make-sku BODY`)",
                        sku, best.why, labels::make_own_id(labels::CodeKind::PartSku, "LCD-X2")),
            k_where);
    return {};
}

Result<std::vector<std::string>> strings_of(Inventory& inventory, const std::string& sql,
                                            const auto& key) {
    auto query = inventory.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    query->bind(1, key);
    std::vector<std::string> out;
    auto read = query->each_row([&](store::RowReader row) { out.push_back(row.text()); });
    if (!read) return std::unexpected(read.error());
    return out;
}

constexpr const char* k_part_columns =
    "SELECT id, sku, mpn, description_zh, description_en, tracking, unit, standard_cost, "
    "reorder_point, reorder_qty FROM inv_parts ";

Result<Part> read_part(Inventory& inventory, store::RowReader row) {
    Part part;
    row.read(part.id, part.sku, part.mpn, part.description_zh, part.description_en, part.tracking,
             part.unit, part.standard_cost, part.reorder_point, part.reorder_qty);
    auto gtins = strings_of(inventory,
                            "SELECT gtin FROM inv_part_gtins WHERE part_id = ?1 "
                            "ORDER BY gtin",
                            part.id);
    if (!gtins) return std::unexpected(gtins.error());
    part.gtins = std::move(*gtins);
    auto models = strings_of(inventory,
                             "SELECT model FROM inv_part_models WHERE part_id = ?1 "
                             "ORDER BY model",
                             part.id);
    if (!models) return std::unexpected(models.error());
    part.compatible_models = std::move(*models);
    auto substitutes = strings_of(inventory,
                                  "SELECT p.sku FROM inv_part_substitutes s JOIN inv_parts p ON "
                                  "p.id = s.substitute_id WHERE s.part_id = ?1 ORDER BY s.rank",
                                  part.id);
    if (!substitutes) return std::unexpected(substitutes.error());
    part.substitutes = std::move(*substitutes);
    return part;
}

Result<Part> find_one(Inventory& inventory, const std::string& where, const std::string& key,
                      const std::string& missing) {
    auto query = inventory.db().prepare(std::string(k_part_columns) + where);
    if (!query) return std::unexpected(query.error());
    query->bind(1, key);
    auto row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::NotFound, missing, k_where);
    return read_part(inventory, *query);
}
}  // namespace

std::string normalize_gtin(const std::string& gtin) {
    if (!labels::all_digits(gtin)) return {};
    if (gtin.size() != 8 && gtin.size() != 12 && gtin.size() != 13 && gtin.size() != 14) return {};
    std::string padded = std::string(14 - gtin.size(), '0') + gtin;
    auto check = labels::gs1_mod10(std::string_view(padded).substr(0, 13));
    if (!check || *check != padded[13] - '0') return {};
    return padded;
}

Result<std::int64_t> add_part(Inventory& inventory, const Part& part) {
    if (auto ok = check_sku(part.sku); !ok) return std::unexpected(ok.error());
    if (part.standard_cost < 0 || part.reorder_point < 0 || part.reorder_qty < 0)
        return fail(ErrorCode::Invalid, "cost and reorder figures cannot be negative", k_where);
    if (part.unit.empty()) return fail(ErrorCode::Invalid, "the part needs a unit", k_where);
    std::vector<std::string> gtins;
    for (const auto& gtin : part.gtins) {
        auto normal = normalize_gtin(gtin);
        if (normal.empty())
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is not a valid GTIN (8, 12, 13 or 14 digits with a "
                                    "correct check digit)",
                                    gtin),
                        k_where);
        gtins.push_back(normal);
    }
    return inventory.write([&]() -> Result<std::int64_t> {
        auto inserted = query_int(
            inventory,
            "INSERT INTO inv_parts (sku, mpn, description_zh, description_en, tracking, unit, "
            "standard_cost, reorder_point, reorder_qty, created_ms) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
            part.sku, part.mpn, part.description_zh, part.description_en, part.tracking, part.unit,
            part.standard_cost, part.reorder_point, part.reorder_qty, inventory.now_ms());
        if (!inserted) {
            if (inserted.error().code == ErrorCode::Conflict)
                return fail(ErrorCode::Conflict, fmt::format("part {} already exists", part.sku),
                            k_where);
            return std::unexpected(inserted.error());
        }
        std::int64_t id = *inserted;
        auto stock = inventory.db().cached(
            "INSERT INTO inv_part_stock (part_id, average_cost) VALUES (?1, ?2)");
        if (!stock) return std::unexpected(stock.error());
        if (auto ok = (*stock)->bind_all(id, part.standard_cost).run(); !ok)
            return std::unexpected(ok.error());
        for (const auto& gtin : gtins) {
            auto add =
                inventory.db().cached("INSERT INTO inv_part_gtins (gtin, part_id) VALUES (?1, ?2)");
            if (!add) return std::unexpected(add.error());
            if (auto ok = (*add)->bind_all(gtin, id).run(); !ok) {
                if (ok.error().code == ErrorCode::Conflict)
                    return fail(ErrorCode::Conflict,
                                fmt::format("GTIN {} already belongs to another part", gtin),
                                k_where);
                return std::unexpected(ok.error());
            }
        }
        for (const auto& model : part.compatible_models) {
            auto add = inventory.db().cached(
                "INSERT INTO inv_part_models (part_id, model) VALUES (?1, ?2) "
                "ON CONFLICT DO NOTHING");
            if (!add) return std::unexpected(add.error());
            if (auto ok = (*add)->bind_all(id, model).run(); !ok)
                return std::unexpected(ok.error());
        }
        std::int64_t rank = 0;
        for (const auto& substitute : part.substitutes) {
            auto other =
                query_int(inventory, "SELECT id FROM inv_parts WHERE sku = ?1", substitute);
            if (!other) {
                if (other.error().code == ErrorCode::NotFound)
                    return fail(ErrorCode::NotFound,
                                fmt::format("substitute {} is not in the catalog: add it first",
                                            substitute),
                                k_where);
                return std::unexpected(other.error());
            }
            auto add = inventory.db().cached(
                "INSERT INTO inv_part_substitutes (part_id, substitute_id, rank) "
                "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
            if (!add) return std::unexpected(add.error());
            if (auto ok = (*add)->bind_all(id, *other, ++rank).run(); !ok)
                return std::unexpected(ok.error());
        }
        return id;
    });
}

Result<Part> find_part(Inventory& inventory, const std::string& sku) {
    return find_one(inventory, "WHERE sku = ?1", sku,
                    fmt::format("part {} is not in the catalog (see `station parts list`)", sku));
}

Result<Part> find_part_by_id(Inventory& inventory, std::int64_t id) {
    auto query = inventory.db().prepare(std::string(k_part_columns) + "WHERE id = ?1");
    if (!query) return std::unexpected(query.error());
    query->bind(1, id);
    auto row = query->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::NotFound, fmt::format("no part with id {}", id), k_where);
    return read_part(inventory, *query);
}

Result<Part> find_part_by_gtin(Inventory& inventory, const std::string& gtin) {
    std::string normal = normalize_gtin(gtin);
    if (normal.empty())
        return fail(ErrorCode::Invalid, fmt::format("{} is not a valid GTIN", gtin), k_where);
    return find_one(inventory, "WHERE id = (SELECT part_id FROM inv_part_gtins WHERE gtin = ?1)",
                    normal,
                    fmt::format("GTIN {} is not in the catalog: add it to its part with "
                                "`station parts add SKU --gtin {}` (or to the CSV for `station "
                                "parts import`), then scan again",
                                normal, normal));
}

Result<std::vector<Part>> originals_of(Inventory& inventory, const std::string& sku) {
    auto originals = strings_of(inventory,
                                "SELECT p.sku FROM inv_part_substitutes x JOIN inv_parts p ON "
                                "p.id = x.part_id JOIN inv_parts s ON s.id = x.substitute_id "
                                "WHERE s.sku = ?1 ORDER BY p.sku",
                                sku);
    if (!originals) return std::unexpected(originals.error());
    std::vector<Part> parts;
    for (const auto& original : *originals) {
        auto part = find_part(inventory, original);
        if (!part) return std::unexpected(part.error());
        parts.push_back(std::move(*part));
    }
    return parts;
}

Result<std::vector<Part>> list_parts(Inventory& inventory) {
    auto query = inventory.db().prepare(std::string(k_part_columns) + "ORDER BY sku");
    if (!query) return std::unexpected(query.error());
    std::vector<Part> parts;
    for (;;) {
        auto row = query->step();
        if (!row) return std::unexpected(row.error());
        if (!*row) break;
        auto part = read_part(inventory, *query);
        if (!part) return std::unexpected(part.error());
        parts.push_back(std::move(*part));
    }
    return parts;
}

namespace {
std::string lower(std::string text) {
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}
}  // namespace

Result<std::optional<std::string>> catalog_model_of(Inventory& inventory,
                                                    const std::string& product) {
    auto query = inventory.db().prepare("SELECT DISTINCT model FROM inv_part_models");
    if (!query) return std::unexpected(query.error());
    std::string wanted = lower(product);
    std::optional<std::string> best;
    auto read = query->each_row([&](store::RowReader row) {
        auto model = row.get<std::string>();
        std::string known = lower(model);
        bool begins = wanted.compare(0, known.size(), known) == 0 &&
                      (wanted.size() == known.size() || wanted[known.size()] == ' ');
        if (begins && (!best || model.size() > best->size())) best = model;
    });
    if (!read) return std::unexpected(read.error());
    return best;
}

}  // namespace rs::inventory
