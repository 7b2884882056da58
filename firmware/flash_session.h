// FlashSession: one device at the bench from identification to a verified new firmware:
// identify it (USB ids, serial, the version it reports), choose the image from the catalog,
// refuse a wrong model, a downgrade or a file that is not the catalog's before a byte is sent,
// flash with progress, verify (read back, or the version it reports after restarting) and hand
// each step to a FlashRecorder, which keeps the record where its owner wants it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/enum_names.h"
#include "common/error.h"
#include "devices/dfu/dfu_device.h"
#include "devices/dfu/dfu_driver.h"
#include "firmware/catalog.h"
#include "firmware/dfu_file.h"

namespace rs::firmware {

struct DeviceIdentity {
    std::string usb_ids;  // "1209:2001"
    std::string serial;
    std::string port_path;
    bool dfu_mode = false;
    std::string version;  // what it reports (bcdDevice)
    std::string model;    // from the catalog's USB ids
    std::string revision;
};

struct FlashRequest {
    // A catalog version ("2.4.1"), an image's SHA-256 (or its first 12+ digits), or a file
    // path whose content must be a catalog image. Empty: the newest image that fits.
    std::string image;
    bool allow_downgrade = false;  // below the device's version, never below the floor
};

// What will be flashed; made by plan() only when every check passed.
struct FlashPlan {
    DeviceIdentity device;
    CatalogImage image;
    std::string floor_version;
    FirmwareFile file;
};

enum class FlashResult { Succeeded, Failed, Aborted };
constexpr auto enum_names(FlashResult) {
    using enum FlashResult;
    return std::to_array<EnumName<FlashResult>>(
        {{Succeeded, "succeeded"}, {Failed, "failed"}, {Aborted, "aborted"}});
}

struct FlashOutcome {
    FlashResult result = FlashResult::Failed;
    std::string before_version;
    std::string after_version;  // what the device reports after the flash ('' when unknown)
    std::string verified_by;    // "read-back", "reported version", or '' when not verified
    std::string message;        // what happened, for people
    std::string recovery;       // what was done to the device after a failure
    std::size_t bytes_sent = 0;
};

// Where the record goes. begin() runs before the first byte is sent, so an attempt that never
// reaches finish() (a killed process, a power cut) stays recorded as not finished.
class FlashRecorder {
public:
    virtual ~FlashRecorder() = default;
    virtual Status begin(const FlashPlan& plan) = 0;
    virtual Status finish(const FlashPlan& plan, const FlashOutcome& outcome) = 0;
};

// Bytes done of the total; `phase` is "flash" or "verify".
using FlashProgress = std::function<void(const char* phase, std::size_t done, std::size_t total)>;

class FlashSession {
public:
    FlashSession(FirmwareCatalog& catalog, devices::dfu::DfuDevice& device,
                 devices::dfu::DfuDriverOptions options = {})
        : m_catalog(catalog), m_device(device), m_driver(device, options) {}

    // Reads what the device says about itself and which catalog model its USB ids are.
    Result<DeviceIdentity> identify();
    // Chooses and checks the image. Refusals (Invalid or Conflict) say what to do; nothing has
    // been sent to the device.
    Result<FlashPlan> plan(const FlashRequest& request);
    // Records the start, flashes, verifies, records the end. A failed or aborted flash is an
    // outcome, not an error; an error is returned only when the record could not be written.
    Result<FlashOutcome> flash(const FlashPlan& plan, FlashRecorder& recorder,
                               const FlashProgress& progress,
                               const devices::dfu::DfuCancel& cancel);

private:
    FlashOutcome run(const FlashPlan& plan, const FlashProgress& progress,
                     const devices::dfu::DfuCancel& cancel);
    Result<CatalogImage> choose(const DeviceIdentity& device, const FlashRequest& request,
                                std::string& file_bytes);

    FirmwareCatalog& m_catalog;
    devices::dfu::DfuDevice& m_device;
    devices::dfu::DfuDriver m_driver;
};

}  // namespace rs::firmware
