// RMA storage: SQL for the rmas and rma_tracking_numbers tables.
#include "station/rma/rma_store.h"

#include <fmt/format.h>

#include "common/store/transaction.h"
#include "station/people/operators.h"
#include "station/rma/rma_json.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_select_rma =
    "SELECT id, number, type, status, customer_name, customer_phone, return_address, "
    "product_model, product_sku, expected_serial, expected_imei, purchase_date_ms, "
    "warranty_months, fault, updated_ms, delivered_ms, extended_warranty_until_ms, platform, "
    "category FROM rmas ";

Rma read_rma(store::RowReader row) {
    Rma rma;
    std::string address;
    row.read(rma.id, rma.number, rma.type, rma.status, rma.customer_name, rma.customer_phone,
             address, rma.product_model, rma.product_sku, rma.expected_serial, rma.expected_imei,
             rma.purchase_date_ms, rma.warranty_months, rma.fault, rma.updated_ms, rma.delivered_ms,
             rma.extended_warranty_until_ms, rma.platform, rma.category);
    if (auto parsed = address_from_json(nlohmann::json::parse(address, nullptr, false)))
        rma.return_address = *parsed;
    return rma;
}

Status load_tracking(StationStore& store, Rma& rma) {
    auto query = store.db().cached(
        "SELECT tracking_number FROM rma_tracking_numbers WHERE rma_id = ?1 ORDER BY 1");
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, rma.id);
    return (*query)->each_row(
        [&](store::RowReader row) { rma.inbound_tracking.push_back(row.text()); });
}

Result<std::vector<Rma>> select_rmas(StationStore& store, const std::string& where,
                                     const std::string& value) {
    auto query = store.db().cached(std::string(k_select_rma) + where);
    if (!query) return std::unexpected(query.error());
    (*query)->bind(1, value);
    std::vector<Rma> rmas;
    auto read = (*query)->each_row([&](store::RowReader row) { rmas.push_back(read_rma(row)); });
    if (!read) return std::unexpected(read.error());
    for (auto& rma : rmas)
        if (auto loaded = load_tracking(store, rma); !loaded)
            return std::unexpected(loaded.error());
    return rmas;
}

Result<std::optional<Rma>> first_of(Result<std::vector<Rma>> rmas) {
    if (!rmas) return std::unexpected(rmas.error());
    if (rmas->empty()) return std::optional<Rma>{};
    return std::optional<Rma>{std::move(rmas->front())};
}

bool same_content(const Rma& a, const Rma& b) {
    return a.number == b.number && a.type == b.type && a.status == b.status &&
           a.customer_name == b.customer_name && a.customer_phone == b.customer_phone &&
           address_to_json(a.return_address) == address_to_json(b.return_address) &&
           a.product_model == b.product_model && a.product_sku == b.product_sku &&
           a.expected_serial == b.expected_serial && a.expected_imei == b.expected_imei &&
           a.purchase_date_ms == b.purchase_date_ms && a.warranty_months == b.warranty_months &&
           a.fault == b.fault && a.inbound_tracking == b.inbound_tracking &&
           a.delivered_ms == b.delivered_ms &&
           a.extended_warranty_until_ms == b.extended_warranty_until_ms &&
           a.platform == b.platform && a.category == b.category;
}

Status write_rma(StationStore& store, const Rma& rma) {
    auto upsert = store.db().cached(
        "INSERT INTO rmas (id, number, type, status, customer_name, customer_phone, "
        "return_address, product_model, product_sku, expected_serial, expected_imei, "
        "purchase_date_ms, warranty_months, fault, updated_ms, imported_ms, delivered_ms, "
        "extended_warranty_until_ms, platform, category) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, ?20) "
        "ON CONFLICT (id) DO UPDATE SET number = excluded.number, type = excluded.type, "
        "status = excluded.status, customer_name = excluded.customer_name, "
        "customer_phone = excluded.customer_phone, return_address = excluded.return_address, "
        "product_model = excluded.product_model, product_sku = excluded.product_sku, "
        "expected_serial = excluded.expected_serial, expected_imei = excluded.expected_imei, "
        "purchase_date_ms = excluded.purchase_date_ms, "
        "warranty_months = excluded.warranty_months, fault = excluded.fault, "
        "updated_ms = excluded.updated_ms, imported_ms = excluded.imported_ms, "
        "delivered_ms = excluded.delivered_ms, "
        "extended_warranty_until_ms = excluded.extended_warranty_until_ms, "
        "platform = excluded.platform, category = excluded.category");
    if (!upsert) return std::unexpected(upsert.error());
    std::int64_t now = store.now_ms();
    (*upsert)->bind_all(rma.id, rma.number, rma.type, rma.status, rma.customer_name,
                        rma.customer_phone, address_to_json(rma.return_address).dump(),
                        rma.product_model, rma.product_sku, rma.expected_serial, rma.expected_imei,
                        rma.purchase_date_ms, rma.warranty_months, rma.fault,
                        rma.updated_ms ? rma.updated_ms : now, now, rma.delivered_ms,
                        rma.extended_warranty_until_ms, rma.platform, rma.category);
    if (auto written = (*upsert)->run(); !written) {
        Error error = written.error();
        if (error.code == ErrorCode::Conflict)
            error.message = "RMA number " + rma.number + " already belongs to another RMA id (" +
                            error.message + ")";
        return std::unexpected(error);
    }
    auto clear = store.db().cached("DELETE FROM rma_tracking_numbers WHERE rma_id = ?1");
    if (!clear) return std::unexpected(clear.error());
    (*clear)->bind(1, rma.id);
    if (auto cleared = (*clear)->run(); !cleared) return cleared;
    for (const auto& tracking : rma.inbound_tracking) {
        auto insert = store.db().cached(
            "INSERT INTO rma_tracking_numbers (tracking_number, rma_id) VALUES (?1, ?2) "
            "ON CONFLICT DO NOTHING");
        if (!insert) return std::unexpected(insert.error());
        (*insert)->bind_all(tracking, rma.id);
        if (auto inserted = (*insert)->run(); !inserted) return inserted;
    }
    return {};
}

}  // namespace

Result<ImportReport> import_rmas(StationStore& store, const std::vector<Rma>& rmas,
                                 const std::string& operator_id) {
    if (auto person = require_operator(store, operator_id, k_people_or_station, "rma"); !person)
        return std::unexpected(person.error());
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto report = import_rmas_in_transaction(store, rmas, operator_id);
    if (!report) return report;
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return report;
}

Result<ImportReport> import_rmas_in_transaction(StationStore& store, const std::vector<Rma>& rmas,
                                                const std::string& operator_id) {
    Journal journal(store.db(), store.clock(), store.ids());
    ImportReport report;
    for (const auto& rma : rmas) {
        auto existing = find_rma(store, rma.id);
        if (!existing) return std::unexpected(existing.error());
        if (*existing && same_content(**existing, rma)) {
            ++report.unchanged;
            continue;
        }
        if (auto written = write_rma(store, rma); !written) return std::unexpected(written.error());
        bool added = !existing->has_value();
        ++(added ? report.added : report.updated);
        auto audited = journal.audit(AuditEntry{
            .operator_id = operator_id,
            .action = added ? "rma.imported" : "rma.updated",
            .detail = {{"rma_id", rma.id},
                       {"rma_number", rma.number},
                       {"status", name_of(rma.status)}},
        });
        if (!audited) return std::unexpected(audited.error());
    }
    return report;
}

Result<std::optional<Rma>> find_rma(StationStore& store, const std::string& id) {
    return first_of(select_rmas(store, "WHERE id = ?1", id));
}

Result<Rma> require_rma_of(StationStore& store, const std::string& rma_id,
                           const std::string& order_number, const char* where) {
    auto rma = find_rma(store, rma_id);
    if (!rma) return std::unexpected(rma.error());
    if (!*rma)
        return fail(ErrorCode::NotFound,
                    fmt::format("{}'s RMA is not in this store: pull it (`station sync`) first",
                                order_number),
                    where);
    return **rma;
}

Result<std::optional<Rma>> find_rma_by_number(StationStore& store, const std::string& number) {
    return first_of(select_rmas(store, "WHERE number = ?1", number));
}

Result<std::vector<Rma>> find_rmas_by_tracking(StationStore& store, const std::string& tracking) {
    return select_rmas(store,
                       "WHERE id IN (SELECT rma_id FROM rma_tracking_numbers "
                       "WHERE tracking_number = ?1) ORDER BY number",
                       tracking);
}

}  // namespace rs::station
