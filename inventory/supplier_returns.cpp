// Supplier returns: batch rows and their lines, kept in step with the ledger. A line from a bin
// is one move into QUARANTINE when added and one move out (back to its bin, or to
// SUPPLIER-RETURN when shipped); a line from a repair order is booked only when shipped.
#include "inventory/supplier_returns.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "inventory/catalog.h"
#include "inventory/ledger.h"
#include "inventory/locations.h"
#include "inventory/reservations.h"

namespace rs::inventory {

namespace {
constexpr const char* k_where = "inventory";

std::unexpected<Error> invalid(std::string message) {
    return fail(ErrorCode::Invalid, std::move(message), k_where);
}

Status exec(Inventory& inventory, const std::string& sql, const auto&... args) {
    auto query = inventory.db().cached(sql);
    if (!query) return std::unexpected(query.error());
    return (*query)->bind_all(args...).run();
}

constexpr const char* k_line_columns =
    "SELECT x.id, p.sku, coalesce(sp.supplier_part_number, ''), x.qty, x.lot, x.serial, "
    "x.reason, l.code, x.reference, x.state, x.person, x.added_ms "
    "FROM inv_supplier_return_lines x JOIN inv_parts p ON p.id = x.part_id "
    "JOIN inv_locations l ON l.id = x.origin_id JOIN inv_supplier_returns r ON r.id = "
    "x.return_id LEFT JOIN inv_supplier_parts sp ON sp.supplier_id = r.supplier_id AND "
    "sp.part_id = x.part_id ";

ReturnLine read_line(store::RowReader row) {
    ReturnLine line;
    row.read(line.id, line.sku, line.supplier_part_number, line.qty, line.lot, line.serial,
             line.reason, line.origin, line.reference, line.state, line.person, line.added_ms);
    return line;
}

Result<std::vector<ReturnLine>> lines_of(Inventory& inventory, std::int64_t return_id) {
    auto query =
        inventory.db().cached(std::string(k_line_columns) + "WHERE x.return_id = ?1 ORDER BY x.id");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, return_id);
    std::vector<ReturnLine> lines;
    auto read = (*query)->each_row([&](store::RowReader row) { lines.push_back(read_line(row)); });
    if (!read) return std::unexpected(read.error());
    return lines;
}

constexpr const char* k_batch_columns =
    "SELECT id, number, supplier_id, state, supplier_rma, opened_by, opened_ms, shipped_by, "
    "coalesce(shipped_ms, 0), carrier, tracking_number FROM inv_supplier_returns ";

Result<SupplierReturnBatch> complete(Inventory& inventory, SupplierReturnBatch batch,
                                     std::int64_t supplier_id) {
    auto supplier = find_supplier_by_id(inventory, supplier_id);
    if (!supplier) return std::unexpected(supplier.error());
    batch.supplier = std::move(*supplier);
    auto lines = lines_of(inventory, batch.id);
    if (!lines) return std::unexpected(lines.error());
    batch.lines = std::move(*lines);
    return batch;
}

// `where` may hold one parameter, ?1, which `bind` (an integer or a text) fills.
template <class Bind>
Result<std::vector<SupplierReturnBatch>> read_batches(Inventory& inventory,
                                                      const std::string& where, const Bind& bind) {
    auto query = inventory.db().prepare(std::string(k_batch_columns) + where);
    if (!query) return std::unexpected(query.error());
    if (where.find("?1") != std::string::npos) query->bind(1, bind);
    std::vector<std::pair<SupplierReturnBatch, std::int64_t>> rows;
    auto read = query->each_row([&](store::RowReader row) {
        SupplierReturnBatch batch;
        std::int64_t supplier_id = 0;
        row.read(batch.id, batch.number, supplier_id, batch.state, batch.supplier_rma,
                 batch.opened_by, batch.opened_ms, batch.shipped_by, batch.shipped_ms,
                 batch.carrier, batch.tracking_number);
        rows.emplace_back(std::move(batch), supplier_id);
    });
    if (!read) return std::unexpected(read.error());
    std::vector<SupplierReturnBatch> out;
    for (auto& [batch, supplier_id] : rows) {
        auto full = complete(inventory, std::move(batch), supplier_id);
        if (!full) return std::unexpected(full.error());
        out.push_back(std::move(*full));
    }
    return out;
}

Result<SupplierReturnBatch> require_open(Inventory& inventory, const std::string& name) {
    auto batch = find_supplier_return(inventory, name);
    if (!batch) return std::unexpected(batch.error());
    if (batch->state != ReturnState::Open)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} was shipped already: open a new one with `station "
                                "supplier-returns open '{}'`",
                                batch->name(), batch->supplier.name),
                    k_where);
    return batch;
}

Result<std::int64_t> location_id(Inventory& inventory, const char* code) {
    auto location = find_location(inventory, code);
    if (!location) return std::unexpected(location.error());
    return location->id;
}

// Which reasons fit where the part comes from, said in words a person can act on.
Status check_reason(const ReturnLineRequest& request) {
    bool from_bin = !request.from_bin.empty();
    if (from_bin == !request.from_order.empty())
        return invalid(
            "say where the part comes from: --from-bin BIN (a part in stock) or --from-order "
            "RO-... (a part a repair used or took out)");
    if (from_bin && request.reason == ReturnReason::CoreReturn)
        return invalid(
            "a core return is the defective part taken out of a device: give the repair order "
            "with --from-order, not a bin");
    if (!from_bin &&
        (request.reason == ReturnReason::GoodPartReturn || request.reason == ReturnReason::Damaged))
        return invalid(fmt::format(
            "a {} comes from a bin (--from-bin): a part a repair order used is returned as "
            "core_return (taken out of the device) or doa (dead when fitted)",
            name_of(request.reason)));
    if (request.qty <= 0)
        return invalid(fmt::format("quantity must be positive, not {}", request.qty));
    return {};
}

// A part from a repair order: the order consumed it (the same lot and serial for a dead part),
// and each reason returns at most as many units as the order consumed.
Status check_order_part(Inventory& inventory, const ReturnLineRequest& request,
                        std::int64_t part_id) {
    auto used = parts_consumed(inventory, request.from_order);
    if (!used) return std::unexpected(used.error());
    bool dead = request.reason == ReturnReason::DeadOnArrival;
    std::int64_t consumed = 0;
    for (const auto& part : *used)
        if (part.sku == request.sku &&
            (!dead || (part.lot == request.lot && part.serial == request.serial)))
            consumed += part.qty;
    if (consumed == 0) {
        std::string list;
        for (const auto& part : *used)
            list += fmt::format("{}{} x{}{}{}", list.empty() ? "" : ", ", part.sku, part.qty,
                                part.lot.empty() ? "" : " lot " + part.lot,
                                part.serial.empty() ? "" : " serial " + part.serial);
        return fail(ErrorCode::Conflict,
                    fmt::format("{} used no {}{}: {}", request.from_order, request.sku,
                                dead && (!request.lot.empty() || !request.serial.empty())
                                    ? " of that lot or serial"
                                    : "",
                                list.empty() ? "it consumed no parts yet (`station stock consume`)"
                                             : "it used " + list),
                    k_where);
    }
    auto returned = query_int(
        inventory,
        "SELECT coalesce(sum(qty), 0) FROM inv_supplier_return_lines WHERE reference = ?1 AND "
        "part_id = ?2 AND reason = ?3 AND state <> 'removed' AND origin_id = (SELECT id FROM "
        "inv_locations WHERE code = ?4) AND (?5 = 0 OR (lot = ?6 AND serial = ?7))",
        request.from_order, part_id, std::string(name_of(request.reason)),
        std::string(k_consumption), dead ? 1 : 0, request.lot, request.serial);
    if (!returned) return std::unexpected(returned.error());
    if (*returned + request.qty > consumed)
        return fail(ErrorCode::Conflict,
                    fmt::format("{} used {} x{}; {} of them are in a supplier return as {} "
                                "already: {} more cannot go",
                                request.from_order, request.sku, consumed, *returned,
                                name_of(request.reason), request.qty),
                    k_where);
    return {};
}

Status set_line_state(Inventory& inventory, std::int64_t line_id, ReturnLineState state) {
    return exec(inventory,
                "UPDATE inv_supplier_return_lines SET state = ?2, updated_ms = ?3 WHERE id = ?1",
                line_id, std::string(name_of(state)), inventory.now_ms());
}
}  // namespace

std::string supplier_return_name(std::int64_t number) {
    return fmt::format("SR-{:06}", number);
}

Result<std::int64_t> parse_supplier_return_name(const std::string& text) {
    std::string digits = text;
    if (digits.size() > 3 && (digits[0] == 'S' || digits[0] == 's') &&
        (digits[1] == 'R' || digits[1] == 'r') && digits[2] == '-')
        digits = digits.substr(3);
    if (digits.empty() || digits.size() > 12 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return invalid(
            fmt::format("'{}' is not a supplier return: they are named SR-000001 (see `station "
                        "supplier-returns list`)",
                        text));
    return std::stoll(digits);
}

std::int64_t SupplierReturnBatch::units(ReturnLineState of) const {
    std::int64_t total = 0;
    for (const auto& line : lines)
        if (line.state == of) total += line.qty;
    return total;
}

Result<SupplierReturnBatch> open_supplier_return(Inventory& inventory,
                                                 const std::string& supplier_name,
                                                 const std::string& supplier_rma,
                                                 const std::string& person) {
    return inventory.write([&]() -> Result<SupplierReturnBatch> {
        auto supplier = find_supplier(inventory, supplier_name);
        if (!supplier) return std::unexpected(supplier.error());
        auto number =
            query_int(inventory, "SELECT coalesce(max(number), 0) + 1 FROM inv_supplier_returns");
        if (!number) return std::unexpected(number.error());
        auto id = query_int(inventory,
                            "INSERT INTO inv_supplier_returns (number, supplier_id, state, "
                            "supplier_rma, opened_by, opened_ms) VALUES (?1, ?2, 'open', ?3, ?4, "
                            "?5) RETURNING id",
                            *number, supplier->id, supplier_rma, person, inventory.now_ms());
        if (!id) return std::unexpected(id.error());
        SupplierReturnBatch batch;
        batch.id = *id;
        batch.number = *number;
        batch.supplier = std::move(*supplier);
        batch.supplier_rma = supplier_rma;
        batch.opened_by = person;
        batch.opened_ms = inventory.now_ms();
        return batch;
    });
}

Result<ReturnLine> add_return_line(Inventory& inventory, const ReturnLineRequest& request) {
    if (auto ok = check_reason(request); !ok) return std::unexpected(ok.error());
    return inventory.write([&]() -> Result<ReturnLine> {
        auto batch = require_open(inventory, request.batch);
        if (!batch) return std::unexpected(batch.error());
        auto part = find_part(inventory, request.sku);
        if (!part) return std::unexpected(part.error());
        auto supplied = supplier_part_number(inventory, batch->supplier.id, part->id);
        if (!supplied) return std::unexpected(supplied.error());
        if (!*supplied)
            return fail(ErrorCode::Conflict,
                        fmt::format("{} does not supply {}, so {} cannot go back to it: return "
                                    "it to the supplier it came from, or record that {} "
                                    "supplies it (`station suppliers supplies '{}' {}`)",
                                    batch->supplier.name, request.sku, request.sku,
                                    batch->supplier.name, batch->supplier.name, request.sku),
                        k_where);
        MoveRequest move{.part_id = part->id,
                         .qty = request.qty,
                         .lot = request.lot,
                         .serial = request.serial,
                         .reference = batch->name(),
                         .person = request.person,
                         .reason = fmt::format("set aside: {}", name_of(request.reason)),
                         .set_aside = true};
        std::int64_t origin_id = 0;
        std::string reference = request.reference;
        if (!request.from_bin.empty()) {
            auto bin = find_location(inventory, request.from_bin);
            if (!bin) return std::unexpected(bin.error());
            if (bin->kind != LocationKind::Bin)
                return invalid(fmt::format(
                    "parts are set aside from a bin, and {} is a {}: move them to a bin first",
                    request.from_bin, name_of(bin->kind)));
            auto quarantine = location_id(inventory, k_quarantine);
            if (!quarantine) return std::unexpected(quarantine.error());
            move.from_id = origin_id = bin->id;
            move.to_id = *quarantine;
            if (auto moved = post_move(inventory, move); !moved)
                return std::unexpected(moved.error());
        } else {
            if (auto ok = check_move_tracking(inventory, move); !ok)
                return std::unexpected(ok.error());
            if (auto ok = check_order_part(inventory, request, part->id); !ok)
                return std::unexpected(ok.error());
            auto consumption = location_id(inventory, k_consumption);
            if (!consumption) return std::unexpected(consumption.error());
            origin_id = *consumption;
            reference = request.from_order;
        }
        std::int64_t now = inventory.now_ms();
        auto id = query_int(inventory,
                            "INSERT INTO inv_supplier_return_lines (return_id, part_id, qty, lot, "
                            "serial, reason, origin_id, reference, state, person, added_ms, "
                            "updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'held', ?9, ?10, "
                            "?10) RETURNING id",
                            batch->id, part->id, request.qty, request.lot, request.serial,
                            std::string(name_of(request.reason)), origin_id, reference,
                            request.person, now);
        if (!id) return std::unexpected(id.error());
        return ReturnLine{*id,
                          request.sku,
                          **supplied,
                          request.qty,
                          request.lot,
                          request.serial,
                          request.reason,
                          request.from_bin.empty() ? std::string(k_consumption) : request.from_bin,
                          reference,
                          ReturnLineState::Held,
                          request.person,
                          now};
    });
}

Result<ReturnLine> remove_return_line(Inventory& inventory, const std::string& batch_name,
                                      std::int64_t line_id, const std::string& person) {
    return inventory.write([&]() -> Result<ReturnLine> {
        auto batch = require_open(inventory, batch_name);
        if (!batch) return std::unexpected(batch.error());
        auto line = std::find_if(batch->lines.begin(), batch->lines.end(),
                                 [&](const ReturnLine& l) { return l.id == line_id; });
        if (line == batch->lines.end())
            return fail(ErrorCode::NotFound,
                        fmt::format("{} has no line {} (see `station supplier-returns show {}`)",
                                    batch->name(), line_id, batch->name()),
                        k_where);
        if (line->state != ReturnLineState::Held)
            return fail(ErrorCode::Conflict,
                        fmt::format("line {} of {} was removed already", line_id, batch->name()),
                        k_where);
        if (line->origin != k_consumption) {
            auto part = find_part(inventory, line->sku);
            if (!part) return std::unexpected(part.error());
            auto quarantine = location_id(inventory, k_quarantine);
            if (!quarantine) return std::unexpected(quarantine.error());
            auto bin = find_location(inventory, line->origin);
            if (!bin) return std::unexpected(bin.error());
            auto moved = post_move(inventory, {.part_id = part->id,
                                               .from_id = *quarantine,
                                               .to_id = bin->id,
                                               .qty = line->qty,
                                               .lot = line->lot,
                                               .serial = line->serial,
                                               .reference = batch->name(),
                                               .person = person,
                                               .reason = "taken out of the supplier return",
                                               .set_aside = true});
            if (!moved) return std::unexpected(moved.error());
        }
        if (auto ok = set_line_state(inventory, line->id, ReturnLineState::Removed); !ok)
            return std::unexpected(ok.error());
        line->state = ReturnLineState::Removed;
        return *line;
    });
}

Result<SupplierReturnBatch> ship_supplier_return(Inventory& inventory, const ShipReturn& request) {
    return inventory.write([&]() -> Result<SupplierReturnBatch> {
        auto batch = require_open(inventory, request.batch);
        if (!batch) return std::unexpected(batch.error());
        if (batch->units(ReturnLineState::Held) == 0)
            return fail(ErrorCode::Conflict,
                        fmt::format("{} holds no parts: add some with `station supplier-returns "
                                    "add {} ...` before shipping it",
                                    batch->name(), batch->name()),
                        k_where);
        auto quarantine = location_id(inventory, k_quarantine);
        auto consumption = location_id(inventory, k_consumption);
        auto returned = location_id(inventory, k_supplier_return);
        if (!quarantine || !consumption || !returned)
            return std::unexpected(!quarantine    ? quarantine.error()
                                   : !consumption ? consumption.error()
                                                  : returned.error());
        for (auto& line : batch->lines) {
            if (line.state != ReturnLineState::Held) continue;
            auto part = find_part(inventory, line.sku);
            if (!part) return std::unexpected(part.error());
            bool from_order = line.origin == k_consumption;
            auto moved = post_move(inventory, {.part_id = part->id,
                                               .from_id = from_order ? *consumption : *quarantine,
                                               .to_id = *returned,
                                               .qty = line.qty,
                                               .lot = line.lot,
                                               .serial = line.serial,
                                               .reference = batch->name(),
                                               .person = request.person,
                                               .reason = std::string(name_of(line.reason)),
                                               .set_aside = true});
            if (!moved) return std::unexpected(moved.error());
            if (auto ok = set_line_state(inventory, line.id, ReturnLineState::Shipped); !ok)
                return std::unexpected(ok.error());
            line.state = ReturnLineState::Shipped;
        }
        std::int64_t now = inventory.now_ms();
        if (auto ok =
                exec(inventory,
                     "UPDATE inv_supplier_returns SET state = 'shipped', shipped_by = ?2, "
                     "shipped_ms = ?3, carrier = ?4, tracking_number = ?5 WHERE id = ?1",
                     batch->id, request.person, now, request.carrier, request.tracking_number);
            !ok)
            return std::unexpected(ok.error());
        batch->state = ReturnState::Shipped;
        batch->shipped_by = request.person;
        batch->shipped_ms = now;
        batch->carrier = request.carrier;
        batch->tracking_number = request.tracking_number;
        return *batch;
    });
}

Result<SupplierReturnBatch> find_supplier_return(Inventory& inventory, const std::string& name) {
    auto number = parse_supplier_return_name(name);
    if (!number) return std::unexpected(number.error());
    auto found = read_batches(inventory, "WHERE number = ?1", *number);
    if (!found) return std::unexpected(found.error());
    if (found->empty())
        return fail(ErrorCode::NotFound,
                    fmt::format("no supplier return {} (see `station supplier-returns list`)",
                                supplier_return_name(*number)),
                    k_where);
    return std::move(found->front());
}

Result<std::vector<SupplierReturnBatch>> list_supplier_returns(Inventory& inventory,
                                                               std::optional<ReturnState> state) {
    if (state)
        return read_batches(inventory, "WHERE state = ?1 ORDER BY number DESC",
                            std::string(name_of(*state)));
    return read_batches(inventory, "ORDER BY number DESC", std::string());
}

}  // namespace rs::inventory
