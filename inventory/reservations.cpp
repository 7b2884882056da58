// Reservations: FIFO reservation with backorders, picking by scan, consumption and release.
#include "inventory/reservations.h"

#include <fmt/format.h>

#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/part_scan.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

struct Candidate {
    std::int64_t location_id = 0;
    std::string code, lot, serial;
    std::int64_t free = 0;
};

Status run(Inventory& inventory, const std::string& sql, auto... args) {
    auto statement = inventory.db().cached(sql);
    if (!statement) return std::unexpected(statement.error());
    return (*statement)->bind_all(args...).run();
}

// The states of inv_reservations that open_rows reads (consumed and released rows are done).
enum class ReservationState { Reserved, Picked, Consumed, Released };

constexpr auto enum_names(ReservationState) {
    using enum ReservationState;
    return std::to_array<EnumName<ReservationState>>({{Reserved, "reserved"},
                                                      {Picked, "picked"},
                                                      {Consumed, "consumed"},
                                                      {Released, "released"}});
}

struct OpenRow {
    std::int64_t id = 0, part_id = 0, location_id = 0, origin_id = 0, qty = 0;
    std::string lot, serial;
    ReservationState state = ReservationState::Reserved;
    std::string sku, location;
};

Result<std::vector<OpenRow>> open_rows(Inventory& inventory, const std::string& order_ref) {
    auto query = inventory.db().cached(
        "SELECT r.id, r.part_id, r.location_id, r.origin_id, r.qty, r.lot, r.serial, r.state, "
        "p.sku, l.code FROM inv_reservations r JOIN inv_parts p ON p.id = r.part_id "
        "JOIN inv_locations l ON l.id = r.location_id "
        "WHERE r.order_ref = ?1 AND r.state IN ('reserved', 'picked') ORDER BY r.id");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_ref);
    std::vector<OpenRow> rows;
    auto read = (*query)->each_row([&](store::RowReader row) {
        OpenRow open;
        row.read(open.id, open.part_id, open.location_id, open.origin_id, open.qty, open.lot,
                 open.serial, open.state, open.sku, open.location);
        rows.push_back(std::move(open));
    });
    if (!read) return std::unexpected(read.error());
    return rows;
}

// What a reservation took: its lines and their units.
struct Taken {
    std::vector<ReservationLine> lines;
    std::int64_t reserved = 0;
};

// Reserves up to `qty` units of the part that are free in stock rooms (on hand, not reserved),
// oldest lot first (or the one `serial`), for `order_ref`, inside the caller's transaction.
Result<Taken> reserve_free(Inventory& inventory, std::int64_t part_id, const std::string& sku,
                           const std::string& order_ref, std::int64_t qty,
                           const std::string& serial, const std::string& person) {
    std::vector<Candidate> candidates;
    {
        auto query = inventory.db().cached(
            "SELECT b.location_id, l.code, b.lot, b.serial, b.qty - b.reserved "
            "FROM inv_balances b JOIN inv_locations l ON l.id = b.location_id "
            "WHERE b.part_id = ?1 AND b.qty > b.reserved AND (?2 = '' OR b.serial = ?2) "
            "AND l.kind IN ('warehouse', 'zone', 'bin') "
            "ORDER BY b.lot_received_ms, b.lot, b.serial, l.code");
        if (!query) return std::unexpected(query.error());
        (*query)->bind_all(part_id, serial);
        std::int64_t wanted = qty;
        for (;;) {
            auto row = (*query)->step();
            if (!row) return std::unexpected(row.error());
            if (!*row || wanted <= 0) break;
            Candidate c;
            store::RowReader(**query).read(c.location_id, c.code, c.lot, c.serial, c.free);
            wanted -= c.free;
            candidates.push_back(std::move(c));
        }
    }
    if (!serial.empty() && candidates.empty())
        return fail(ErrorCode::Conflict,
                    fmt::format("serial {} of {} is not available: it is not in a bin or is "
                                "reserved already",
                                serial, sku),
                    k_where);
    Taken result;
    std::int64_t now = inventory.now_ms();
    std::int64_t wanted = qty;
    for (const auto& c : candidates) {
        std::int64_t take = std::min(wanted, c.free);
        if (take <= 0) break;
        if (auto ok = run(inventory,
                          "UPDATE inv_balances SET reserved = reserved + ?5 WHERE part_id = ?1 "
                          "AND location_id = ?2 AND lot = ?3 AND serial = ?4",
                          part_id, c.location_id, c.lot, c.serial, take);
            !ok)
            return std::unexpected(ok.error());
        auto id = query_int(inventory,
                            "INSERT INTO inv_reservations (order_ref, part_id, location_id, "
                            "origin_id, lot, serial, qty, state, person, created_ms, "
                            "updated_ms) VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, 'reserved', ?7, "
                            "?8, ?8) RETURNING id",
                            order_ref, part_id, c.location_id, c.lot, c.serial, take, person, now);
        if (!id) return std::unexpected(id.error());
        result.lines.push_back({*id, c.code, c.lot, c.serial, take, sku});
        result.reserved += take;
        wanted -= take;
    }
    if (result.reserved > 0) {
        if (auto ok = run(inventory,
                          "UPDATE inv_part_stock SET reserved = reserved + ?2 WHERE part_id "
                          "= ?1",
                          part_id, result.reserved);
            !ok)
            return std::unexpected(ok.error());
    }
    return result;
}
}  // namespace

Result<ReserveResult> reserve(Inventory& inventory, const ReserveRequest& request) {
    if (request.order_ref.empty())
        return fail(ErrorCode::Invalid, "a reservation needs the repair order it is for", k_where);
    if (request.qty <= 0)
        return fail(ErrorCode::Invalid,
                    fmt::format("quantity must be positive, not {}", request.qty), k_where);
    if (!request.serial.empty() && request.qty != 1)
        return fail(ErrorCode::Invalid, "a specific serial is one unit", k_where);
    return inventory.write([&]() -> Result<ReserveResult> {
        auto part_id = query_int(inventory, "SELECT id FROM inv_parts WHERE sku = ?1", request.sku);
        if (!part_id) {
            if (part_id.error().code == ErrorCode::NotFound)
                return fail(ErrorCode::NotFound,
                            fmt::format("part {} is not in the catalog (see `station parts "
                                        "list`)",
                                        request.sku),
                            k_where);
            return std::unexpected(part_id.error());
        }
        ReserveResult result;
        std::int64_t now = inventory.now_ms();
        auto taken = reserve_free(inventory, *part_id, request.sku, request.order_ref, request.qty,
                                  request.serial, request.person);
        if (!taken) return std::unexpected(taken.error());
        result.lines = std::move(taken->lines);
        result.reserved = taken->reserved;
        std::int64_t wanted = request.qty - result.reserved;
        if (wanted > 0) {
            result.backordered = wanted;
            auto backorder = query_int(inventory,
                                       "INSERT INTO inv_backorders (order_ref, part_id, qty, "
                                       "created_ms) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                                       request.order_ref, *part_id, wanted, now);
            if (!backorder) return std::unexpected(backorder.error());
            result.backorder_id = *backorder;
            auto query = inventory.db().cached(
                "SELECT p.sku, s.on_hand - s.reserved - s.held FROM inv_part_substitutes x "
                "JOIN inv_parts p ON p.id = x.substitute_id "
                "JOIN inv_part_stock s ON s.part_id = p.id WHERE x.part_id = ?1 ORDER BY x.rank");
            if (!query) return std::unexpected(query.error());
            (*query)->bind(1, *part_id);
            auto read = (*query)->each_row([&](store::RowReader row) {
                SubstituteOffer offer;
                row.read(offer.sku, offer.available);
                result.substitutes.push_back(std::move(offer));
            });
            if (!read) return std::unexpected(read.error());
        }
        return result;
    });
}

Result<ReservationLine> pick(Inventory& inventory, const std::string& order_ref,
                             const std::string& bin_code, const std::string& part_scan,
                             const std::string& person) {
    return inventory.write([&]() -> Result<ReservationLine> {
        auto bin = find_location(inventory, bin_code);
        if (!bin) return std::unexpected(bin.error());
        if (bin->kind != LocationKind::Bin)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is not a bin: scan the bin label first", bin_code),
                        k_where);
        auto scanned = resolve_part_scan(inventory, part_scan);
        if (!scanned) return std::unexpected(scanned.error());
        auto workbench = find_location(inventory, k_workbench);
        if (!workbench) return std::unexpected(workbench.error());
        auto query = inventory.db().cached(
            "SELECT id, lot, serial, qty FROM inv_reservations WHERE order_ref = ?1 AND "
            "part_id = ?2 AND location_id = ?3 AND state = 'reserved' AND (?4 = '' OR lot = ?4) "
            "AND (?5 = '' OR serial = ?5) ORDER BY id LIMIT 1");
        if (!query) return std::unexpected(query.error());
        (*query)->bind_all(order_ref, scanned->part.id, bin->id, scanned->lot, scanned->serial);
        auto row = (*query)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row)
            return fail(
                ErrorCode::NotFound,
                fmt::format("{} has no {}{} reserved in {}: see `station stock report "
                            "--order {}` for where its parts are",
                            order_ref, scanned->part.sku,
                            scanned->serial.empty() ? std::string() : " serial " + scanned->serial,
                            bin_code, order_ref),
                k_where);
        ReservationLine line{.location = k_workbench, .sku = scanned->part.sku};
        store::RowReader(**query).read(line.id, line.lot, line.serial, line.qty);
        (*query)->reset();
        MoveRequest move;
        move.part_id = scanned->part.id;
        move.from_id = bin->id;
        move.to_id = workbench->id;
        move.qty = line.qty;
        move.lot = line.lot;
        move.serial = line.serial;
        move.reference = order_ref;
        move.person = person;
        move.reason = "pick";
        move.release_reserved = line.qty;
        move.carry_reserved = line.qty;
        if (auto moved = post_move(inventory, move); !moved) return std::unexpected(moved.error());
        if (auto ok = run(inventory,
                          "UPDATE inv_reservations SET state = 'picked', location_id = ?2, "
                          "updated_ms = ?3 WHERE id = ?1",
                          line.id, workbench->id, inventory.now_ms());
            !ok)
            return std::unexpected(ok.error());
        return line;
    });
}

Result<std::int64_t> consume(Inventory& inventory, const std::string& order_ref,
                             const std::string& person) {
    return inventory.write([&]() -> Result<std::int64_t> {
        auto rows = open_rows(inventory, order_ref);
        if (!rows) return std::unexpected(rows.error());
        std::string unpicked;
        for (const auto& row : *rows)
            if (row.state == ReservationState::Reserved)
                unpicked += fmt::format("{}{} x{} in {}", unpicked.empty() ? "" : ", ", row.sku,
                                        row.qty, row.location);
        if (!unpicked.empty())
            return fail(ErrorCode::Conflict,
                        fmt::format("{} still has parts not picked ({}): pick them or release "
                                    "them first",
                                    order_ref, unpicked),
                        k_where);
        if (rows->empty())
            return fail(ErrorCode::NotFound,
                        fmt::format("{} has no picked parts to consume", order_ref), k_where);
        auto consumption = find_location(inventory, k_consumption);
        if (!consumption) return std::unexpected(consumption.error());
        std::int64_t units = 0;
        for (const auto& row : *rows) {
            MoveRequest move;
            move.part_id = row.part_id;
            move.from_id = row.location_id;
            move.to_id = consumption->id;
            move.qty = row.qty;
            move.lot = row.lot;
            move.serial = row.serial;
            move.reference = order_ref;
            move.person = person;
            move.reason = "used in repair";
            move.release_reserved = row.qty;
            if (auto moved = post_move(inventory, move); !moved)
                return std::unexpected(moved.error());
            if (auto ok = run(inventory,
                              "UPDATE inv_reservations SET state = 'consumed', updated_ms = ?2 "
                              "WHERE id = ?1",
                              row.id, inventory.now_ms());
                !ok)
                return std::unexpected(ok.error());
            units += row.qty;
        }
        return units;
    });
}

Result<std::int64_t> release(Inventory& inventory, const std::string& order_ref,
                             const std::string& person) {
    return inventory.write([&]() -> Result<std::int64_t> {
        auto rows = open_rows(inventory, order_ref);
        if (!rows) return std::unexpected(rows.error());
        std::int64_t units = 0;
        for (const auto& row : *rows) {
            if (row.state == ReservationState::Picked) {
                MoveRequest move;
                move.part_id = row.part_id;
                move.from_id = row.location_id;
                move.to_id = row.origin_id;
                move.qty = row.qty;
                move.lot = row.lot;
                move.serial = row.serial;
                move.reference = order_ref;
                move.person = person;
                move.reason = "released: back to its bin";
                move.release_reserved = row.qty;
                if (auto moved = post_move(inventory, move); !moved)
                    return std::unexpected(moved.error());
            } else {
                if (auto ok = run(inventory,
                                  "UPDATE inv_balances SET reserved = reserved - ?5 WHERE "
                                  "part_id = ?1 AND location_id = ?2 AND lot = ?3 AND serial = ?4",
                                  row.part_id, row.location_id, row.lot, row.serial, row.qty);
                    !ok)
                    return std::unexpected(ok.error());
                if (auto ok = run(inventory,
                                  "UPDATE inv_part_stock SET reserved = reserved - ?2 WHERE "
                                  "part_id = ?1",
                                  row.part_id, row.qty);
                    !ok)
                    return std::unexpected(ok.error());
            }
            if (auto ok = run(inventory,
                              "UPDATE inv_reservations SET state = 'released', updated_ms = ?2 "
                              "WHERE id = ?1",
                              row.id, inventory.now_ms());
                !ok)
                return std::unexpected(ok.error());
            units += row.qty;
        }
        if (auto ok = run(inventory,
                          "UPDATE inv_backorders SET state = 'cancelled' WHERE order_ref = ?1 AND "
                          "state = 'open'",
                          order_ref);
            !ok)
            return std::unexpected(ok.error());
        return units;
    });
}

Result<std::vector<UsedPart>> parts_consumed(Inventory& inventory, const std::string& order_ref) {
    auto query = inventory.db().cached(
        "SELECT p.sku, m.lot, m.serial, m.qty, m.unit_cost FROM inv_moves m "
        "JOIN inv_parts p ON p.id = m.part_id JOIN inv_locations l ON l.id = m.to_id "
        "WHERE l.kind = 'consumption' AND m.reference = ?1 ORDER BY m.id");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, order_ref);
    std::vector<UsedPart> used;
    auto read = (*query)->each_row([&](store::RowReader row) {
        UsedPart part;
        row.read(part.sku, part.lot, part.serial, part.qty, part.unit_cost);
        used.push_back(std::move(part));
    });
    if (!read) return std::unexpected(read.error());
    return used;
}

Result<std::vector<Backorder>> open_backorders(Inventory& inventory) {
    auto query = inventory.db().prepare(
        "SELECT b.id, b.order_ref, p.sku, b.qty, b.created_ms FROM inv_backorders b "
        "JOIN inv_parts p ON p.id = b.part_id WHERE b.state = 'open' ORDER BY b.id");
    if (!query) return std::unexpected(query.error());
    std::vector<Backorder> out;
    auto read = query->each_row([&](store::RowReader row) {
        Backorder backorder;
        row.read(backorder.id, backorder.order_ref, backorder.sku, backorder.qty,
                 backorder.created_ms);
        out.push_back(std::move(backorder));
    });
    if (!read) return std::unexpected(read.error());
    return out;
}

Result<BackorderFill> fill_backorder(Inventory& inventory, std::int64_t backorder_id,
                                     const std::string& person) {
    return inventory.write([&]() -> Result<BackorderFill> {
        auto query = inventory.db().cached(
            "SELECT b.order_ref, b.part_id, p.sku, b.qty FROM inv_backorders b JOIN inv_parts p "
            "ON p.id = b.part_id WHERE b.id = ?1 AND b.state = 'open'");
        if (!query) return std::unexpected(query.error());
        (*query)->bind(1, backorder_id);
        auto row = (*query)->step();
        if (!row) return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound,
                        fmt::format("backorder {} is not open (filled or cancelled)", backorder_id),
                        k_where);
        BackorderFill fill;
        fill.backorder_id = backorder_id;
        std::int64_t part_id = 0, wanted = 0;
        store::RowReader(**query).read(fill.order_ref, part_id, fill.sku, wanted);
        (*query)->reset();
        auto taken = reserve_free(inventory, part_id, fill.sku, fill.order_ref, wanted, "", person);
        if (!taken) return std::unexpected(taken.error());
        fill.lines = std::move(taken->lines);
        fill.filled = taken->reserved;
        fill.still_short = wanted - fill.filled;
        if (fill.filled == 0) return fill;
        // A backorder keeps the units still short; filled, it keeps the units it last waited for.
        auto done = fill.still_short == 0
                        ? run(inventory, "UPDATE inv_backorders SET state = 'filled' WHERE id = ?1",
                              backorder_id)
                        : run(inventory, "UPDATE inv_backorders SET qty = ?2 WHERE id = ?1",
                              backorder_id, fill.still_short);
        if (!done) return std::unexpected(done.error());
        return fill;
    });
}

Result<std::vector<ReservationLine>> open_reservations(Inventory& inventory,
                                                       const std::string& order_ref) {
    auto rows = open_rows(inventory, order_ref);
    if (!rows) return std::unexpected(rows.error());
    std::vector<ReservationLine> out;
    for (const auto& row : *rows)
        out.push_back({row.id, row.location, row.lot, row.serial, row.qty, row.sku});
    return out;
}

}  // namespace rs::inventory
