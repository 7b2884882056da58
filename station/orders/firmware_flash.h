// Firmware flashes on a repair order: who flashed which image on the order's device, the
// versions before and after, and the result. The attempt row is written before the first byte
// is sent, so an attempt a killed process never finished stays on the record as "did not finish".
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "devices/dfu/dfu_device.h"
#include "firmware/catalog.h"
#include "firmware/flash_session.h"
#include "station/store/station_store.h"

namespace rs::station {

struct FlashAttempt {
    std::string id;  // UUIDv7
    std::string order_number;
    std::string operator_id;
    std::string device;  // "1209:2001 serial SIM-0001 at 1-1"
    std::string model;
    std::string revision;
    std::string image_sha256;
    std::string image_version;
    std::string before_version;
    std::string after_version;
    std::string result;  // started | succeeded | failed | aborted
    std::string verified_by;
    std::string message;
    std::string recovery;
    std::int64_t bytes_sent = 0;
    std::int64_t started_ms = 0;
    std::optional<std::int64_t> finished_ms;
    // "did not finish" for an attempt that never reached its end (the process died).
    std::string result_text() const;
};

// Records one order's flash through the journal: begin() writes the attempt row, its audit row
// and a `repair_order.firmware_flash_started` event; finish() completes the row with a
// `repair_order.firmware_flashed` event. Each in its own transaction.
class OrderFlashRecorder final : public firmware::FlashRecorder {
public:
    OrderFlashRecorder(StationStore& store, std::string order_id, std::string order_number,
                       std::string rma_id, std::string operator_id)
        : m_store(store),
          m_order_id(std::move(order_id)),
          m_order_number(std::move(order_number)),
          m_rma_id(std::move(rma_id)),
          m_operator_id(std::move(operator_id)) {}

    Status begin(const firmware::FlashPlan& plan) override;
    Status finish(const firmware::FlashPlan& plan, const firmware::FlashOutcome& outcome) override;
    const std::string& attempt_id() const { return m_attempt_id; }

private:
    // The audit row `action` and the outbox event `event_type` of one step of the attempt, in
    // the open transaction; the event also names the order, its RMA and who acts.
    Status record(const char* action, const char* event_type, nlohmann::json detail);

    StationStore& m_store;
    std::string m_order_id;
    std::string m_order_number;
    std::string m_rma_id;
    std::string m_operator_id;
    std::string m_attempt_id;
};

struct FlashOrderRequest {
    std::string order_number;
    std::string operator_id;
    std::string device;  // "usb://1209:2001?serial=..." or "sim:?..." (devices/dfu/dfu_factory.h)
    firmware::FlashRequest image;
    bool dry_run = false;  // identify and check only
};

struct FlashOrderResult {
    firmware::FlashPlan plan;
    std::optional<firmware::FlashOutcome> outcome;  // none for a dry run
    std::string attempt_id;
};

// The whole bench action: who acts (a technician or supervisor), which order (not closed),
// the device, the plan with its refusals, the flash with its record.
Result<FlashOrderResult> flash_order_device(StationStore& store, firmware::FirmwareCatalog& catalog,
                                            const FlashOrderRequest& request,
                                            const firmware::FlashProgress& progress,
                                            const std::function<bool()>& cancel);

Result<std::vector<FlashAttempt>> flash_attempts(StationStore& store,
                                                 const std::string& order_number);

// A device with a DFU interface, and what the catalog says about it (`station devices list`).
struct DfuDeviceSummary {
    devices::dfu::DfuDeviceInfo info;
    std::string model;  // '' when the catalog does not know its USB ids
    std::string revision;
    std::string would_flash;  // the newest catalog version that fits, '' when none
    std::string address;      // what --device takes: usb://VID:PID?serial=...&port=...
    std::string describe() const;
};
// Without a catalog (no store yet) only the device's own side is filled in.
Result<DfuDeviceSummary> summarize_dfu_device(firmware::FirmwareCatalog* catalog,
                                              const devices::dfu::DfuDeviceInfo& info);
// Every DFU interface on the USB buses, summarised against the catalog.
Result<std::vector<DfuDeviceSummary>> dfu_devices_with_catalog(firmware::FirmwareCatalog* catalog);

// Where a store's imported firmware files live: "<store>.firmware" beside the store file.
std::string firmware_image_dir(const std::string& store_path);

}  // namespace rs::station
