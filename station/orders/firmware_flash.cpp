// Firmware flashes on repair orders: the attempt row, its audit rows and events, and the bench
// action that ties the order, the catalog and the device together.
#include "station/orders/firmware_flash.h"

#include <fmt/format.h>

#include "common/logger.h"
#include "common/store/transaction.h"
#include "devices/dfu/dfu_factory.h"
#include "devices/dfu/usb_dfu_device.h"
#include "devices/transport/device_uri.h"
#include "station/orders/repair_orders.h"
#include "station/people/operators.h"
#include "station/store/journal.h"

namespace rs::station {
namespace {

const Logger k_log("firmware");
constexpr Role k_flashing_roles[] = {Role::Technician, Role::Supervisor};

std::string describe_device(const firmware::DeviceIdentity& device) {
    return fmt::format("{}{} at {}", device.usb_ids,
                       device.serial.empty() ? "" : " serial " + device.serial,
                       device.port_path.empty() ? "?" : device.port_path);
}

nlohmann::json plan_json(const firmware::FlashPlan& plan) {
    return {{"usb_device", describe_device(plan.device)}, {"model", plan.device.model},
            {"revision", plan.device.revision},           {"image_sha256", plan.image.sha256},
            {"image_version", plan.image.version},        {"before_version", plan.device.version}};
}

}  // namespace

std::string FlashAttempt::result_text() const {
    return result == "started" ? "did not finish" : result;
}

std::string DfuDeviceSummary::describe() const {
    std::string line = fmt::format("DFU interface {} ({} mode, firmware {}, {} bytes a block)",
                                   info.interface_number, info.dfu_mode ? "DFU" : "run-time",
                                   info.version(), info.functional.transfer_size);
    if (model.empty()) return line + ": not in the firmware catalog (or no store here)";
    line += fmt::format(": {}{}", model, revision.empty() ? "" : " rev " + revision);
    if (would_flash.empty()) return line + ", no catalog image fits";
    return line + fmt::format(
                      ", the catalog would flash {}\n    flash: station firmware flash "
                      "RO-... --device \"{}\"",
                      would_flash, address);
}

Result<DfuDeviceSummary> summarize_dfu_device(firmware::FirmwareCatalog* catalog,
                                              const devices::dfu::DfuDeviceInfo& info) {
    DfuDeviceSummary summary;
    summary.info = info;
    devices::DeviceUri uri;
    uri.scheme = "usb";
    uri.usb.vendor_id = info.usb.vendor_id;
    uri.usb.product_id = info.usb.product_id;
    uri.usb.serial = info.usb.serial;
    if (info.usb.serial.empty()) uri.usb.port_path = info.usb.port_path;
    summary.address = uri.to_string();
    if (!catalog) return summary;
    auto model = catalog->model_of(info.usb.vendor_id, info.usb.product_id, info.dfu_mode);
    if (!model) return std::unexpected(model.error());
    if (!*model) return summary;
    summary.model = (*model)->model;
    summary.revision = (*model)->revision;
    auto images = catalog->images_for(summary.model, summary.revision);
    if (!images) return std::unexpected(images.error());
    if (!images->empty()) summary.would_flash = images->front().version;
    return summary;
}

Result<std::vector<DfuDeviceSummary>> dfu_devices_with_catalog(firmware::FirmwareCatalog* catalog) {
    auto context = devices::UsbContext::shared();
    if (!context) return std::unexpected(context.error());
    auto found = devices::dfu::list_dfu_devices(**context);
    if (!found) return std::unexpected(found.error());
    std::vector<DfuDeviceSummary> summaries;
    for (const auto& info : *found) {
        auto summary = summarize_dfu_device(catalog, info);
        if (!summary) return std::unexpected(summary.error());
        summaries.push_back(std::move(*summary));
    }
    return summaries;
}

std::string firmware_image_dir(const std::string& store_path) {
    // Beside a store file; for a store in PostgreSQL, in the working directory.
    if (store::Database::is_server_url(store_path)) return "firmware";
    return store_path + ".firmware";
}

Status OrderFlashRecorder::begin(const firmware::FlashPlan& plan) {
    auto transaction = store::Transaction::begin(m_store.db());
    if (!transaction) return std::unexpected(transaction.error());
    m_attempt_id = m_store.ids().next();
    auto inserted = m_store.db().cached(
        "INSERT INTO firmware_flashes (id, repair_order_id, operator_id, device, model, revision, "
        "image_sha256, image_version, before_version, result, started_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'started', ?10)");
    if (!inserted) return std::unexpected(inserted.error());
    (*inserted)->bind_all(m_attempt_id, m_order_id, m_operator_id, describe_device(plan.device),
                          plan.device.model, plan.device.revision, plan.image.sha256,
                          plan.image.version, plan.device.version, m_store.now_ms());
    if (auto ran = (*inserted)->run(); !ran) return ran;
    nlohmann::json detail = plan_json(plan);
    detail["attempt_id"] = m_attempt_id;
    if (auto recorded = record("firmware.flash_started", "repair_order.firmware_flash_started",
                               std::move(detail));
        !recorded)
        return recorded;
    return transaction->commit();
}

Status OrderFlashRecorder::record(const char* action, const char* event_type,
                                  nlohmann::json detail) {
    Journal journal(m_store.db(), m_store.clock(), m_store.ids());
    if (auto audited = journal.audit(AuditEntry{m_operator_id, m_order_id, action, {}, {}, detail});
        !audited)
        return audited;
    detail["repair_order"] = m_order_number;
    detail["rma_id"] = m_rma_id;
    detail["operator"] = m_operator_id;
    if (auto published = journal.publish(OutboxEvent{event_type, m_order_id, detail}); !published)
        return std::unexpected(published.error());
    return {};
}

Status OrderFlashRecorder::finish(const firmware::FlashPlan& plan,
                                  const firmware::FlashOutcome& outcome) {
    auto transaction = store::Transaction::begin(m_store.db());
    if (!transaction) return std::unexpected(transaction.error());
    auto updated = m_store.db().cached(
        "UPDATE firmware_flashes SET result = ?2, after_version = ?3, verified_by = ?4, "
        "message = ?5, recovery = ?6, bytes_sent = ?7, finished_ms = ?8 WHERE id = ?1");
    if (!updated) return std::unexpected(updated.error());
    (*updated)->bind_all(m_attempt_id, outcome.result, outcome.after_version, outcome.verified_by,
                         outcome.message, outcome.recovery,
                         static_cast<std::int64_t>(outcome.bytes_sent), m_store.now_ms());
    if (auto ran = (*updated)->run(); !ran) return ran;
    nlohmann::json detail = plan_json(plan);
    detail["attempt_id"] = m_attempt_id;
    detail["result"] = name_of(outcome.result);
    detail["after_version"] = outcome.after_version;
    detail["verified_by"] = outcome.verified_by;
    detail["message"] = outcome.message;
    if (!outcome.recovery.empty()) detail["recovery"] = outcome.recovery;
    if (auto recorded =
            record("firmware.flash_finished", "repair_order.firmware_flashed", std::move(detail));
        !recorded)
        return recorded;
    return transaction->commit();
}

Result<FlashOrderResult> flash_order_device(StationStore& store, firmware::FirmwareCatalog& catalog,
                                            const FlashOrderRequest& request,
                                            const firmware::FlashProgress& progress,
                                            const std::function<bool()>& cancel) {
    auto person = require_operator(store, request.operator_id, k_flashing_roles, "firmware");
    if (!person) return std::unexpected(person.error());
    k_log.debug("{} may flash", person->id);
    auto order = find_order_by_number(store, request.order_number);
    if (!order) return std::unexpected(order.error());
    if (!*order)
        return fail(ErrorCode::NotFound,
                    fmt::format("no repair order {} in this store", request.order_number),
                    "firmware");
    if (is_final((*order)->state))
        return fail(ErrorCode::Conflict,
                    fmt::format("{} is {}: a closed order's device is not flashed",
                                (*order)->number, name_of((*order)->state)),
                    "firmware");
    auto device = devices::dfu::make_dfu_device(request.device);
    if (!device) return std::unexpected(device.error());
    k_log.debug("found {}", (*device)->info().describe());
    firmware::FlashSession session(catalog, **device);
    auto plan = session.plan(request.image);
    if (!plan) return std::unexpected(plan.error());
    k_log.debug("checked: image {} fits, {} bytes", plan->image.version, plan->file.payload.size());
    FlashOrderResult result;
    result.plan = *plan;
    if (request.dry_run) return result;
    OrderFlashRecorder recorder(store, (*order)->id, (*order)->number, (*order)->rma_id,
                                person->id);
    auto outcome = session.flash(*plan, recorder, progress, cancel);
    if (!outcome) return std::unexpected(outcome.error());
    result.outcome = *outcome;
    result.attempt_id = recorder.attempt_id();
    return result;
}

Result<std::vector<FlashAttempt>> flash_attempts(StationStore& store,
                                                 const std::string& order_number) {
    auto query = store.db().prepare(
        "SELECT f.id, o.number, f.operator_id, f.device, f.model, f.revision, f.image_sha256, "
        "f.image_version, f.before_version, f.after_version, f.result, f.verified_by, f.message, "
        "f.recovery, f.bytes_sent, f.started_ms, f.finished_ms FROM firmware_flashes f "
        "JOIN repair_orders o ON o.id = f.repair_order_id WHERE o.number = ?1 "
        "ORDER BY f.started_ms, f.id");
    if (!query) return std::unexpected(query.error());
    query->bind(1, order_number);
    std::vector<FlashAttempt> attempts;
    if (auto read = query->each_row([&](store::RowReader row) {
            FlashAttempt attempt;
            row.read(attempt.id, attempt.order_number, attempt.operator_id, attempt.device,
                     attempt.model, attempt.revision, attempt.image_sha256, attempt.image_version,
                     attempt.before_version, attempt.after_version, attempt.result,
                     attempt.verified_by, attempt.message, attempt.recovery, attempt.bytes_sent,
                     attempt.started_ms, attempt.finished_ms);
            attempts.push_back(std::move(attempt));
        });
        !read)
        return std::unexpected(read.error());
    return attempts;
}

}  // namespace rs::station
