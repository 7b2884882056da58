// Repair orders: SQL reads of repair_orders and audit_log.
#include "station/orders/repair_orders.h"

#include <fmt/format.h>

#include "labels/codes/code_grammar.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_select_order =
    "SELECT o.id, o.seq, o.number, o.rma_id, r.number, o.state, o.owner_id, o.arrival_scan, "
    "o.identity_status, o.device_identity, o.created_ms, o.updated_ms, o.identity_cleared_by, "
    "o.identity_cleared_reason, CASE WHEN o.owner_since_ms = 0 THEN o.created_ms "
    "ELSE o.owner_since_ms END "
    "FROM repair_orders o JOIN rmas r ON r.id = o.rma_id ";

RepairOrder read_order(store::RowReader row) {
    RepairOrder order;
    row.read(order.id, order.seq, order.number, order.rma_id, order.rma_number, order.state,
             order.owner_id, order.arrival_scan, order.identity_status, order.device_identity,
             order.created_ms, order.updated_ms, order.identity_cleared_by,
             order.identity_cleared_reason, order.owner_since_ms);
    return order;
}

Result<std::optional<RepairOrder>> find_one(StationStore& store, const char* where,
                                            const std::string& value) {
    auto query = store.db().cached(std::string(k_select_order) + where);
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, value);
    auto row = (*query)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) return std::optional<RepairOrder>{};
    return std::optional<RepairOrder>{read_order(**query)};
}

}  // namespace

Result<std::optional<RepairOrder>> find_order_by_number(StationStore& store,
                                                        const std::string& number) {
    return find_one(store, "WHERE o.number = ?1", number);
}

Result<RepairOrder> require_order(StationStore& store, const std::string& number,
                                  const char* where) {
    auto found = find_order_by_number(store, number);
    if (!found) return std::unexpected(found.error());
    if (!*found)
        return fail(
            ErrorCode::NotFound,
            fmt::format("no repair order {} in this store (see `station orders list`)", number),
            where);
    return **found;
}

Result<std::optional<RepairOrder>> find_order_by_rma(StationStore& store,
                                                     const std::string& rma_id) {
    return find_one(store, "WHERE o.rma_id = ?1", rma_id);
}

Result<std::vector<RepairOrder>> list_orders(StationStore& store, const OrderFilter& filter) {
    std::string sql = k_select_order;
    if (filter.state) sql += "WHERE o.state = ?2 ";
    if (filter.owner) sql += filter.state ? "AND o.owner_id = ?3 " : "WHERE o.owner_id = ?3 ";
    sql += "ORDER BY o.seq DESC LIMIT ?1";
    auto query = store.db().prepare(sql);
    if (!query) return std::unexpected(query.error());
    query->bind(1, filter.limit);
    if (filter.state) query->bind(2, *filter.state);
    if (filter.owner) query->bind(3, *filter.owner);
    std::vector<RepairOrder> orders;
    auto read = query->each_row([&](store::RowReader row) { orders.push_back(read_order(row)); });
    if (!read) return std::unexpected(read.error());
    return orders;
}

Result<std::vector<HistoryEntry>> order_history(StationStore& store, const std::string& order_id) {
    auto query = store.db().prepare(
        "SELECT time_ms, operator_id, action, coalesce(from_state, ''), coalesce(to_state, ''), "
        "detail FROM audit_log WHERE repair_order_id = ?1 ORDER BY id");
    if (!query) return std::unexpected(query.error());
    query->bind(1, order_id);
    std::vector<HistoryEntry> history;
    auto read = query->each_row([&](store::RowReader row) {
        HistoryEntry entry;
        row.read(entry.time_ms, entry.operator_id, entry.action, entry.from_state, entry.to_state,
                 entry.detail);
        history.push_back(std::move(entry));
    });
    if (!read) return std::unexpected(read.error());
    return history;
}

Result<RepairOrder> create_order(StationStore& store, const NewOrder& order) {
    // Numbers are handed out inside the write transaction, so they never collide.
    auto next =
        store.db().query_one<std::int64_t>("SELECT coalesce(max(seq), 0) + 1 FROM repair_orders");
    if (!next) return std::unexpected(next.error());
    RepairOrder created;
    created.seq = next->value_or(1);  // an aggregate always returns its row
    created.number =
        labels::make_own_id(labels::CodeKind::RepairOrder, fmt::format("{:06}", created.seq));
    created.id = store.ids().next();
    created.rma_id = order.rma.id;
    created.rma_number = order.rma.number;
    created.owner_id = order.owner_id;
    created.arrival_scan = order.arrival_scan.text;
    created.created_ms = created.updated_ms = store.now_ms();
    auto insert = store.db().cached(
        "INSERT INTO repair_orders (id, seq, number, rma_id, state, owner_id, arrival_scan, "
        "created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, 'received', ?5, ?6, ?7, ?7)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(created.id, created.seq, created.number, created.rma_id, created.owner_id,
                        created.arrival_scan, created.created_ms);
    if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());

    Journal journal(store.db(), store.clock(), store.ids());
    nlohmann::json detail = {{"rma_id", order.rma.id},
                             {"rma_number", order.rma.number},
                             {"matched_by", order.matched_by},
                             {"scan", order.arrival_scan.text},
                             {"source", order.arrival_scan.source}};
    auto audited = journal.audit(AuditEntry{order.owner_id, created.id, "intake.received",
                                            std::nullopt, "received", detail});
    if (!audited) return std::unexpected(audited.error());
    auto published = journal.publish(OutboxEvent{"repair_order.received",
                                                 created.id,
                                                 {{"repair_order", created.number},
                                                  {"rma_id", order.rma.id},
                                                  {"rma_number", order.rma.number},
                                                  {"owner", order.owner_id},
                                                  {"inbound_scan", order.arrival_scan.text}}});
    if (!published) return std::unexpected(published.error());
    return created;
}

}  // namespace rs::station
