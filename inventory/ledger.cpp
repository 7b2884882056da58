// Stock ledger: posting double-entry moves with their balance, on-hand and cost updates.
#include "inventory/ledger.h"

#include <fmt/format.h>

#include "inventory/catalog.h"
#include "inventory/locations.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

struct LocationInfo {
    std::string code;
    bool physical = false;
    bool quarantine = false;  // QUARANTINE: on hand, but held for a supplier return
};

Result<LocationInfo> location_info(Inventory& inventory, std::int64_t id) {
    auto query = inventory.db().cached("SELECT code, kind FROM inv_locations WHERE id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::NotFound, fmt::format("no location with id {}", id), k_where);
    store::RowReader read(**query);
    LocationInfo info{read.text()};
    auto kind = parse_enum<LocationKind>(read.text());
    info.physical = kind && is_physical(*kind);
    info.quarantine = info.code == k_quarantine;
    return info;
}

struct PartInfo {
    std::string sku;
    Tracking tracking = Tracking::None;
    std::int64_t standard_cost = 0;
    std::int64_t on_hand = 0;
    std::int64_t average_cost = 0;
};

Result<PartInfo> part_info(Inventory& inventory, std::int64_t id) {
    auto query = inventory.db().cached(
        "SELECT p.sku, p.tracking, p.standard_cost, s.on_hand, s.average_cost FROM inv_parts p "
        "JOIN inv_part_stock s ON s.part_id = p.id WHERE p.id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return fail(ErrorCode::NotFound, fmt::format("no part with id {}", id), k_where);
    PartInfo part;
    store::RowReader(**query).read(part.sku, part.tracking, part.standard_cost, part.on_hand,
                                   part.average_cost);
    return part;
}

struct BalanceRow {
    std::int64_t qty = 0;
    std::int64_t reserved = 0;
    std::optional<std::int64_t> received_ms;
};

Result<BalanceRow> balance_row(Inventory& inventory, const MoveRequest& move,
                               std::int64_t location_id) {
    auto query = inventory.db().cached(
        "SELECT qty, reserved, lot_received_ms FROM inv_balances "
        "WHERE part_id = ?1 AND location_id = ?2 AND lot = ?3 AND serial = ?4");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(move.part_id, location_id, move.lot, move.serial);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    BalanceRow balance;
    if (*row) store::RowReader(**query).read(balance.qty, balance.reserved, balance.received_ms);
    return balance;
}

Status add_to_balance(Inventory& inventory, const MoveRequest& move, std::int64_t location_id,
                      std::int64_t qty, std::int64_t reserved, std::int64_t received_ms) {
    // UPDATE first: an UPSERT would check the inserted row's CHECK (reserved >= 0) even when
    // the row exists and only the update applies.
    auto update = inventory.db().cached(
        "UPDATE inv_balances SET qty = qty + ?5, reserved = reserved + ?6 WHERE part_id = ?1 "
        "AND location_id = ?2 AND lot = ?3 AND serial = ?4");
    if (!update) return std::unexpected(update.error());
    (*update)->bind_all(move.part_id, location_id, move.lot, move.serial, qty, reserved);
    auto updated = (*update)->run_and_count();
    if (!updated) return std::unexpected(updated.error());
    if (*updated == 0) {
        auto insert = inventory.db().cached(
            "INSERT INTO inv_balances (part_id, location_id, lot, serial, qty, reserved, "
            "lot_received_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!insert) return std::unexpected(insert.error());
        (*insert)->bind_all(move.part_id, location_id, move.lot, move.serial, qty, reserved,
                            received_ms);
        return (*insert)->run();
    }
    // Empty balances are dropped so the table holds only what is somewhere.
    auto drop = inventory.db().cached(
        "DELETE FROM inv_balances WHERE part_id = ?1 AND location_id = ?2 AND lot = ?3 AND "
        "serial = ?4 AND qty = 0 AND reserved = 0");
    if (!drop) return std::unexpected(drop.error());
    return (*drop)->bind_all(move.part_id, location_id, move.lot, move.serial).run();
}

std::string lot_text(const MoveRequest& move) {
    if (!move.serial.empty()) return fmt::format(" serial {}", move.serial);
    if (!move.lot.empty()) return fmt::format(" lot {}", move.lot);
    return {};
}

Status check_tracking(const PartInfo& part, const MoveRequest& move) {
    switch (part.tracking) {
        case Tracking::None:
            if (!move.lot.empty() || !move.serial.empty())
                return fail(
                    ErrorCode::Invalid,
                    fmt::format("{} is not tracked by lot or serial: give neither", part.sku),
                    k_where);
            break;
        case Tracking::Lot:
            if (move.lot.empty())
                return fail(ErrorCode::Invalid,
                            fmt::format("{} is tracked by lot: give the lot (GS1 (10))", part.sku),
                            k_where);
            if (!move.serial.empty())
                return fail(ErrorCode::Invalid,
                            fmt::format("{} is tracked by lot, not by serial", part.sku), k_where);
            break;
        case Tracking::Serial:
            if (move.serial.empty())
                return fail(
                    ErrorCode::Invalid,
                    fmt::format("{} is tracked by serial: give the serial (GS1 (21))", part.sku),
                    k_where);
            if (move.qty != 1)
                return fail(ErrorCode::Invalid,
                            fmt::format("{} is tracked by serial: one unit per serial, not {}",
                                        part.sku, move.qty),
                            k_where);
            break;
    }
    return {};
}
}  // namespace

Result<std::int64_t> post_move(Inventory& inventory, const MoveRequest& move) {
    if (move.qty <= 0)
        return fail(ErrorCode::Invalid, fmt::format("quantity must be positive, not {}", move.qty),
                    k_where);
    if (move.from_id == move.to_id)
        return fail(ErrorCode::Invalid, "a move needs two different locations", k_where);
    auto part = part_info(inventory, move.part_id);
    if (!part) return std::unexpected(part.error());
    if (auto ok = check_tracking(*part, move); !ok) return std::unexpected(ok.error());
    auto from = location_info(inventory, move.from_id);
    if (!from) return std::unexpected(from.error());
    auto to = location_info(inventory, move.to_id);
    if (!to) return std::unexpected(to.error());
    if (move.carry_reserved > 0 && !to->physical)
        return fail(ErrorCode::Internal, "reservations can only move to physical locations",
                    k_where);
    if ((from->quarantine || to->quarantine) && !move.set_aside)
        return fail(ErrorCode::Invalid,
                    fmt::format("{} holds parts set aside for supplier returns: they go in and "
                                "out with `station supplier-returns add|remove|ship`",
                                k_quarantine),
                    k_where);
    if (move.carry_reserved > 0 && to->quarantine)
        return fail(ErrorCode::Internal, "reserved parts cannot be set aside", k_where);

    std::int64_t now = inventory.now_ms();
    std::int64_t received_ms = now;
    if (from->physical) {
        auto source = balance_row(inventory, move, move.from_id);
        if (!source) return std::unexpected(source.error());
        if (move.release_reserved > source->reserved)
            return fail(ErrorCode::Internal,
                        fmt::format("releasing {} reserved but only {} are reserved at {}",
                                    move.release_reserved, source->reserved, from->code),
                        k_where);
        std::int64_t free = source->qty - source->reserved + move.release_reserved;
        if (free < move.qty)
            return fail(ErrorCode::Conflict,
                        fmt::format("{} holds {} of {}{} ({} reserved for repairs): cannot take "
                                    "{}; on-hand never goes negative",
                                    from->code, source->qty, part->sku, lot_text(move),
                                    source->reserved, move.qty),
                        k_where);
        if (source->received_ms) received_ms = *source->received_ms;  // FIFO age travels along
    }
    if (!move.serial.empty() && to->physical) {
        // A serial is in exactly one place: refuse a second copy anywhere else.
        auto query = inventory.db().cached(
            "SELECT l.code FROM inv_balances b JOIN inv_locations l ON l.id = b.location_id "
            "WHERE b.part_id = ?1 AND b.serial = ?2 AND b.qty > 0 AND b.location_id <> ?3 AND "
            "l.kind IN ('warehouse', 'zone', 'bin', 'workbench')");
        if (!query) return std::unexpected(query.error());
        (*query)->bind_all(move.part_id, move.serial, move.from_id);
        auto row = (*query)->step();
        if (!row) return std::unexpected(row.error());
        if (*row)
            return fail(ErrorCode::Conflict,
                        fmt::format("serial {} of {} is already in {}: a serial is in one place "
                                    "only",
                                    move.serial, part->sku, store::RowReader(**query).text()),
                        k_where);
    }

    std::int64_t unit_cost = part->average_cost;
    std::int64_t average = part->average_cost;
    if (to->physical && !from->physical) {
        unit_cost = move.unit_cost.value_or(
            part->on_hand > 0 || part->average_cost > 0 ? part->average_cost : part->standard_cost);
        if (unit_cost < 0) return fail(ErrorCode::Invalid, "unit cost cannot be negative", k_where);
        std::int64_t total = part->on_hand + move.qty;
        // Rounded to the nearest minor unit: the average is what the next issue is valued at.
        average = (part->average_cost * part->on_hand + unit_cost * move.qty + total / 2) / total;
    }
    std::int64_t on_hand_delta = (to->physical ? move.qty : 0) - (from->physical ? move.qty : 0);
    std::int64_t held_delta = (to->quarantine ? move.qty : 0) - (from->quarantine ? move.qty : 0);

    if (auto ok = add_to_balance(inventory, move, move.from_id, -move.qty, -move.release_reserved,
                                 received_ms);
        !ok)
        return std::unexpected(ok.error());
    if (auto ok =
            add_to_balance(inventory, move, move.to_id, move.qty, move.carry_reserved, received_ms);
        !ok)
        return std::unexpected(ok.error());
    auto stock = inventory.db().cached(
        "UPDATE inv_part_stock SET on_hand = on_hand + ?2, reserved = reserved + ?3, "
        "average_cost = ?4, held = held + ?5 WHERE part_id = ?1");
    if (!stock) return std::unexpected(stock.error());
    (*stock)->bind_all(move.part_id, on_hand_delta, move.carry_reserved - move.release_reserved,
                       average, held_delta);
    if (auto ok = (*stock)->run(); !ok) return std::unexpected(ok.error());
    return query_int(inventory,
                     "INSERT INTO inv_moves (part_id, from_id, to_id, qty, lot, serial, unit_cost, "
                     "reference, person, at_ms, reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
                     move.part_id, move.from_id, move.to_id, move.qty, move.lot, move.serial,
                     unit_cost, move.reference, move.person, now, move.reason);
}

Status check_move_tracking(Inventory& inventory, const MoveRequest& move) {
    auto part = part_info(inventory, move.part_id);
    if (!part) return std::unexpected(part.error());
    return check_tracking(*part, move);
}

Result<std::int64_t> move_stock(Inventory& inventory, const MoveRequest& move) {
    return inventory.write([&] { return post_move(inventory, move); });
}

Result<std::vector<Balance>> physical_balances(Inventory& inventory, std::int64_t part_id,
                                               std::int64_t location_id) {
    auto query = inventory.db().prepare(
        "SELECT b.part_id, p.sku, l.code, b.lot, b.serial, b.qty, b.reserved, b.lot_received_ms "
        "FROM inv_balances b JOIN inv_parts p ON p.id = b.part_id "
        "JOIN inv_locations l ON l.id = b.location_id "
        "WHERE l.kind IN ('warehouse', 'zone', 'bin', 'workbench') "
        "AND (?1 = 0 OR b.part_id = ?1) AND (?2 = 0 OR b.location_id = ?2) "
        "ORDER BY p.sku, l.code, b.lot_received_ms, b.lot, b.serial");
    if (!query) return std::unexpected(query.error());
    query->bind_all(part_id, location_id);
    std::vector<Balance> out;
    auto read = query->each_row([&](store::RowReader row) {
        Balance balance;
        row.read(balance.part_id, balance.sku, balance.location, balance.lot, balance.serial,
                 balance.qty, balance.reserved, balance.lot_received_ms);
        out.push_back(std::move(balance));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

Result<PartStock> part_stock(Inventory& inventory, std::int64_t part_id) {
    auto query = inventory.db().cached(
        "SELECT on_hand, reserved, held, average_cost FROM inv_part_stock WHERE part_id = ?1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, part_id);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, fmt::format("no part with id {}", part_id), k_where);
    PartStock stock;
    store::RowReader(**query).read(stock.on_hand, stock.reserved, stock.held, stock.average_cost);
    return stock;
}

Result<std::vector<MoveRecord>> recent_moves(Inventory& inventory, std::int64_t part_id,
                                             int limit) {
    auto query = inventory.db().prepare(
        "SELECT m.id, p.sku, f.code, t.code, m.qty, m.lot, m.serial, m.unit_cost, m.reference, "
        "m.person, m.reason, m.at_ms FROM inv_moves m JOIN inv_parts p ON p.id = m.part_id "
        "JOIN inv_locations f ON f.id = m.from_id JOIN inv_locations t ON t.id = m.to_id "
        "WHERE (?1 = 0 OR m.part_id = ?1) ORDER BY m.id DESC LIMIT ?2");
    if (!query) return std::unexpected(query.error());
    query->bind_all(part_id, limit);
    std::vector<MoveRecord> out;
    auto read = query->each_row([&](store::RowReader row) {
        MoveRecord move;
        row.read(move.id, move.sku, move.from, move.to, move.qty, move.lot, move.serial,
                 move.unit_cost, move.reference, move.person, move.reason, move.at_ms);
        out.push_back(std::move(move));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

}  // namespace rs::inventory
