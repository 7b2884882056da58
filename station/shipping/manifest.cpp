// Manifests: the carrier's parcels not yet handed over, closed in one transaction with their
// events and pages.
#include "station/shipping/manifest.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/clock.h"
#include "common/store/row_reader.h"
#include "common/store/transaction.h"
#include "labels/print/zpl_writer.h"
#include "station/people/operators.h"
#include "station/printing/print_queue.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

constexpr const char* k_where = "manifest";
constexpr Role k_manifest_roles[] = {Role::Warehouse, Role::Supervisor};
// Parcels on one printed page (the manifest-page template's rows).
constexpr std::size_t k_parcels_per_page = 6;

struct OpenParcel {
    std::string order_id;
    std::string rma_id;
    ManifestParcel parcel;
};

Result<std::vector<OpenParcel>> parcels_to_hand_over(StationStore& store,
                                                     const std::string& carrier) {
    auto query = store.db().cached(
        "SELECT s.repair_order_id, o.rma_id, o.number, s.tracking_number, s.weight_g "
        "FROM shipments s JOIN repair_orders o ON o.id = s.repair_order_id "
        "WHERE s.carrier = ?1 AND s.manifest_id IS NULL ORDER BY s.shipped_ms, s.tracking_number");
    if (!query) return std::unexpected(query.error());
    (*query)->bind_all(carrier);
    std::vector<OpenParcel> parcels;
    auto read = (*query)->each_row([&](store::RowReader row) {
        OpenParcel open;
        row.read(open.order_id, open.rma_id, open.parcel.order_number, open.parcel.tracking_number,
                 open.parcel.weight_g);
        parcels.push_back(std::move(open));
    });
    if (!read) return std::unexpected(read.error());
    return parcels;
}

// The pages of the manifest, each with its parcels as barcodes.
Result<std::vector<NewPrintJob>> pages(const Manifest& manifest, const ManifestRequest& request) {
    std::vector<NewPrintJob> jobs;
    std::size_t count = (manifest.parcels.size() + k_parcels_per_page - 1) / k_parcels_per_page;
    std::int64_t total_g = 0;
    for (const auto& parcel : manifest.parcels)
        total_g += parcel.weight_g;
    for (std::size_t page = 0; page < count; ++page) {
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t i = page * k_parcels_per_page;
             i < std::min(manifest.parcels.size(), (page + 1) * k_parcels_per_page); ++i) {
            const auto& parcel = manifest.parcels[i];
            rows.push_back({{"tracking_number", parcel.tracking_number},
                            {"repair_order", parcel.order_number},
                            {"weight_g", parcel.weight_g}});
        }
        nlohmann::json data = {
            {"manifest", manifest.number},
            {"carrier", manifest.carrier},
            {"date", format_utc_date(manifest.closed_ms)},
            {"page", page + 1},
            {"pages", count},
            {"parcels", manifest.parcels.size()},
            {"total_kg", fmt::format("{:.3f}", static_cast<double>(total_g) / 1000.0)},
            {"rows", rows}};
        auto label = labels::build_label("manifest-page", data, request.labels);
        if (!label) return std::unexpected(label.error());
        jobs.push_back({request.printer, "manifest-page", data, labels::to_zpl(*label), 1,
                        request.operator_id, std::nullopt});
    }
    return jobs;
}

}  // namespace

Result<Manifest> close_manifest(StationStore& store, const ManifestRequest& request) {
    if (request.printer.empty())
        return fail(ErrorCode::Invalid,
                    "no label printer to print the manifest on: add a [[printers.device]]",
                    k_where);
    auto transaction = store::Transaction::begin(store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto person = require_operator(store, request.operator_id, k_manifest_roles, k_where);
    if (!person) return std::unexpected(person.error());
    auto open = parcels_to_hand_over(store, request.carrier);
    if (!open) return std::unexpected(open.error());
    if (open->empty())
        return fail(ErrorCode::Conflict,
                    fmt::format("no {} parcel is waiting for a manifest: every one shipped is on "
                                "one already (see `station manifest list`)",
                                request.carrier),
                    k_where);
    auto next =
        store.db().query_one<std::int64_t>("SELECT coalesce(max(number), 0) + 1 FROM manifests");
    if (!next) return std::unexpected(next.error());
    Manifest manifest{store.ids().next(), **next, request.carrier, {}, {}, store.now_ms()};
    auto insert = store.db().cached(
        "INSERT INTO manifests (id, number, carrier, operator_id, closed_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!insert) return std::unexpected(insert.error());
    (*insert)->bind_all(manifest.id, manifest.number, manifest.carrier, person->id,
                        manifest.closed_ms);
    if (auto inserted = (*insert)->run(); !inserted) return std::unexpected(inserted.error());
    auto mark = store.db().cached(
        "UPDATE shipments SET manifest_id = ?1 WHERE repair_order_id = ?2 AND manifest_id IS "
        "NULL");
    if (!mark) return std::unexpected(mark.error());
    Journal journal(store.db(), store.clock(), store.ids());
    for (const auto& parcel : *open) {
        (*mark)->bind_all(manifest.id, parcel.order_id);
        if (auto marked = (*mark)->run(); !marked) return std::unexpected(marked.error());
        (*mark)->reset();
        nlohmann::json detail = {{"manifest", manifest.number},
                                 {"carrier", manifest.carrier},
                                 {"tracking_number", parcel.parcel.tracking_number}};
        if (auto audited = journal.audit(
                AuditEntry{person->id, parcel.order_id, "manifested", {}, {}, detail});
            !audited)
            return std::unexpected(audited.error());
        detail["repair_order"] = parcel.parcel.order_number;
        detail["rma_id"] = parcel.rma_id;
        detail["operator"] = person->id;
        if (auto published =
                journal.publish(OutboxEvent{"repair_order.manifested", parcel.order_id, detail});
            !published)
            return std::unexpected(published.error());
        manifest.parcels.push_back(parcel.parcel);
    }
    auto jobs = pages(manifest, request);
    if (!jobs) return std::unexpected(jobs.error());
    for (const auto& job : *jobs) {
        auto queued = enqueue_print_job(store, job);
        if (!queued) return std::unexpected(queued.error());
        manifest.print_jobs.push_back(queued->number);
    }
    if (auto committed = transaction->commit(); !committed)
        return std::unexpected(committed.error());
    return manifest;
}

Result<std::vector<ManifestRow>> list_manifests(StationStore& store, int limit) {
    std::vector<ManifestRow> rows;
    auto waiting = store.db().cached(
        "SELECT carrier, count(*) FROM shipments WHERE manifest_id IS NULL GROUP BY carrier "
        "ORDER BY carrier");
    if (!waiting) return std::unexpected(waiting.error());
    auto read = (*waiting)->each_row([&](store::RowReader row) {
        ManifestRow open;
        row.read(open.carrier, open.parcels);
        rows.push_back(std::move(open));
    });
    if (!read) return std::unexpected(read.error());
    auto closed = store.db().cached(
        "SELECT m.number, m.carrier, count(s.repair_order_id), m.closed_ms FROM manifests m "
        "LEFT JOIN shipments s ON s.manifest_id = m.id GROUP BY m.id ORDER BY m.number DESC "
        "LIMIT ?1");
    if (!closed) return std::unexpected(closed.error());
    (*closed)->bind_all(limit);
    read = (*closed)->each_row([&](store::RowReader row) {
        ManifestRow manifest;
        row.read(manifest.number, manifest.carrier, manifest.parcels, manifest.closed_ms);
        rows.push_back(std::move(manifest));
    });
    if (!read) return std::unexpected(read.error());
    return rows;
}

Result<PickupResult> check_pickup(StationStore& store, const std::string& carrier,
                                  const std::string& scanned) {
    auto found = store.db().cached(
        "SELECT s.carrier, o.number, m.number FROM shipments s JOIN repair_orders o ON o.id = "
        "s.repair_order_id LEFT JOIN manifests m ON m.id = s.manifest_id "
        "WHERE s.tracking_number = ?1");
    if (!found) return std::unexpected(found.error());
    (*found)->bind_all(scanned);
    auto row = (*found)->step();
    if (!row) return std::unexpected(row.error());
    if (!*row)
        return PickupResult{
            PickupCheck::Unknown,
            fmt::format("{} is not a parcel this station shipped: keep it back", scanned)};
    std::string its_carrier, order;
    std::optional<std::int64_t> manifest;
    store::RowReader(**found).read(its_carrier, order, manifest);
    if (!manifest)
        return PickupResult{
            PickupCheck::NotManifested,
            fmt::format("{} ({}) is on no manifest: close the {} manifest before it goes "
                        "(`station manifest close`)",
                        scanned, order, its_carrier)};
    if (its_carrier != carrier)
        return PickupResult{PickupCheck::OtherCarrier,
                            fmt::format("{} ({}) is on {} manifest {}, not {}'s: the wrong truck",
                                        scanned, order, its_carrier, *manifest, carrier)};
    return PickupResult{PickupCheck::OnManifest,
                        fmt::format("{} ({}) on manifest {}: ok", scanned, order, *manifest)};
}

}  // namespace rs::station
