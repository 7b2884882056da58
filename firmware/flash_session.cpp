// FlashSession: the checks before a flash, the flash, its verification and its record.
#include "firmware/flash_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/logger.h"
#include "common/sha256.h"
#include "firmware/version.h"

namespace rs::firmware {
namespace {

const Logger k_log("firmware");
namespace dfu = devices::dfu;

std::unexpected<Error> refuse(std::string message) {
    return fail(ErrorCode::Conflict, std::move(message), "firmware");
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::span<const std::uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace

Result<DeviceIdentity> FlashSession::identify() {
    const dfu::DfuDeviceInfo& info = m_device.info();
    DeviceIdentity identity;
    identity.usb_ids = info.usb.vid_pid();
    identity.serial = info.usb.serial;
    identity.port_path = info.usb.port_path;
    identity.dfu_mode = info.dfu_mode;
    identity.version = info.bcd_device ? info.version() : "";
    auto model = m_catalog.model_of(info.usb.vendor_id, info.usb.product_id, info.dfu_mode);
    if (!model) return std::unexpected(model.error());
    if (*model) {
        identity.model = (*model)->model;
        identity.revision = (*model)->revision;
    }
    return identity;
}

Result<CatalogImage> FlashSession::choose(const DeviceIdentity& device, const FlashRequest& request,
                                          std::string& file_bytes) {
    auto fitting = m_catalog.images_for(device.model, device.revision);
    if (!fitting) return std::unexpected(fitting.error());
    std::optional<CatalogImage> chosen;
    if (request.image.empty()) {
        if (fitting->empty())
            return refuse(
                fmt::format("the catalog has no image for {} revision {}: import the "
                            "vendor's file set (station firmware import)",
                            device.model, device.revision.empty() ? "(any)" : device.revision));
        chosen = fitting->front();
    } else if (std::filesystem::is_regular_file(request.image)) {
        // A file the technician names: flashed only if it is, byte for byte, a catalog image.
        auto bytes = read_file(request.image);
        if (!bytes) return fail(ErrorCode::NotFound, "cannot read " + request.image, "firmware");
        std::string sha = sha256_hex(*bytes);
        auto known = m_catalog.image_by_sha256(sha);
        if (!known) return std::unexpected(known.error());
        if (!*known)
            return refuse(
                fmt::format("{} (SHA-256 {}) is not an image of the catalog: import "
                            "the vendor's file set first",
                            request.image, sha.substr(0, 12)));
        chosen = **known;
        file_bytes = std::move(*bytes);
    } else {
        auto all = m_catalog.images();
        if (!all) return std::unexpected(all.error());
        for (const auto& image : *all) {
            bool by_sha = request.image.size() >= 12 && image.sha256.starts_with(request.image);
            bool by_version =
                image.version == request.image && image.fits_device(device.model, device.revision);
            if (by_sha || by_version) chosen = image;
        }
        if (!chosen)
            return fail(ErrorCode::NotFound,
                        fmt::format("no catalog image \"{}\" for {} (station firmware list)",
                                    request.image, device.model),
                        "firmware");
    }
    return *chosen;
}

Result<FlashPlan> FlashSession::plan(const FlashRequest& request) {
    auto device = identify();
    if (!device) return std::unexpected(device.error());
    if (device->model.empty())
        return refuse(
            fmt::format("{} is not a model the catalog knows (USB ids {}): import its "
                        "vendor's file set, or check that this is the right device",
                        m_device.info().describe(), device->usb_ids));
    std::string file_bytes;
    auto image = choose(*device, request, file_bytes);
    if (!image) return std::unexpected(image.error());
    FlashPlan plan;
    plan.device = *device;
    plan.image = *image;

    // Wrong model: the image must list this model and revision.
    if (!image->fits_device(device->model, device->revision)) {
        std::vector<std::string> fits;
        for (const auto& fit : image->fits)
            fits.push_back(fit.revision.empty() ? fit.model : fit.model + " rev " + fit.revision);
        return refuse(
            fmt::format("image {} ({}) is for {}, not for this {} rev {}: wrong model, "
                        "nothing was sent",
                        image->version, image->file_name, fmt::join(fits, ", "), device->model,
                        device->revision.empty() ? "-" : device->revision));
    }
    // Downgrades: never below the floor; below the running version only when asked.
    auto floor = m_catalog.floor_for(device->model, device->revision);
    if (!floor) return std::unexpected(floor.error());
    plan.floor_version = *floor;
    if (!floor->empty() && compare_versions(image->version, *floor).value_or(-1) < 0)
        return refuse(
            fmt::format("image {} is below the lowest version allowed on {} ({}): "
                        "refused, nothing was sent",
                        image->version, device->model, *floor));
    if (!device->version.empty() && !request.allow_downgrade &&
        compare_versions(image->version, device->version).value_or(0) < 0)
        return refuse(
            fmt::format("the device runs {}, image {} is older: a downgrade (give "
                        "--allow-downgrade to do it anyway; never below {}), nothing "
                        "was sent",
                        device->version, image->version, floor->empty() ? "the floor" : *floor));
    // The file must be the catalog's, byte for byte.
    if (file_bytes.empty()) {
        auto bytes = read_file(m_catalog.image_path(*image));
        if (!bytes)
            return fail(ErrorCode::NotFound,
                        fmt::format("the catalog's file for {} is missing ({}): import the file "
                                    "set again",
                                    image->version, m_catalog.image_path(*image)),
                        "firmware");
        file_bytes = std::move(*bytes);
    }
    std::string sha = sha256_hex(file_bytes);
    if (sha != image->sha256)
        return refuse(
            fmt::format("the file of image {} has SHA-256 {}, the catalog says {}: it "
                        "changed since it was imported; refused, nothing was sent",
                        image->version, sha, image->sha256));
    auto file = parse_firmware_file(file_bytes);
    if (!file) return std::unexpected(file.error());
    // The suffix's ids, when it names a device, must be this model's.
    if (file->suffix) {
        const dfu::DfuDeviceInfo& info = m_device.info();
        auto ids = m_catalog.product_ids_of(device->model);
        if (!ids) return std::unexpected(ids.error());
        bool vendor_ok =
            file->suffix->vendor_id == k_any_id || file->suffix->vendor_id == info.usb.vendor_id;
        bool product_ok =
            file->suffix->product_id == k_any_id ||
            file->suffix->product_id == info.usb.product_id ||
            std::find(ids->begin(), ids->end(), file->suffix->product_id) != ids->end();
        if (!vendor_ok || !product_ok)
            return refuse(
                fmt::format("the image's DFU suffix is for {:04x}:{:04x}, the device is "
                            "{}: wrong model, nothing was sent",
                            file->suffix->vendor_id, file->suffix->product_id, device->usb_ids));
    }
    if (file->format == ImageFormat::Dfuse && !m_device.info().functional.is_dfuse() &&
        m_device.info().dfu_mode)
        return refuse("the image is a DfuSe file but the device does not speak DfuSe");
    plan.file = std::move(*file);
    return plan;
}

FlashOutcome FlashSession::run(const FlashPlan& plan, const FlashProgress& progress,
                               const dfu::DfuCancel& cancel) {
    FlashOutcome outcome;
    outcome.before_version = plan.device.version;
    auto failed = [&](const Error& error) {
        outcome.result = dfu::is_cancelled(error) ? FlashResult::Aborted : FlashResult::Failed;
        outcome.message = error.message;
        outcome.recovery = m_driver.last_recovery();
        return outcome;
    };
    if (auto entered = m_driver.enter_dfu_mode(); !entered) return failed(entered.error());
    k_log.debug("in DFU mode: {}", m_device.info().describe());
    auto on_flash = [&](std::size_t done, std::size_t total) {
        outcome.bytes_sent = done;
        if (progress) progress("flash", done, total);
    };
    bool dfuse = plan.file.format == ImageFormat::Dfuse;
    if (dfuse) {
        std::vector<dfu::DfuseElement> elements;
        for (const auto& target : plan.file.targets)
            for (const auto& element : target.elements)
                elements.push_back({element.address, bytes_of(element.data)});
        if (auto done = m_driver.dfuse_download(elements, on_flash, cancel); !done)
            return failed(done.error());
    } else {
        if (auto done = m_driver.download(bytes_of(plan.file.payload), on_flash, cancel); !done)
            return failed(done.error());
    }
    // Verify: read back while still in DFU mode where the device allows it, then restart and
    // ask the version it reports.
    const dfu::DfuDeviceInfo& info = m_device.info();
    bool read_back = !dfuse && info.functional.can_upload && info.functional.manifestation_tolerant;
    if (read_back) {
        const std::string& expected = plan.file.payload;
        auto uploaded = m_driver.upload(
            expected.size() + 1,
            [&](std::size_t done, std::size_t total) {
                if (progress) progress("verify", std::min(done, total - 1), total - 1);
            },
            cancel);
        if (!uploaded) return failed(uploaded.error());
        if (uploaded->size() != expected.size() ||
            !std::equal(uploaded->begin(), uploaded->end(), expected.begin(),
                        [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); })) {
            outcome.result = FlashResult::Failed;
            outcome.message = fmt::format(
                "read-back differs from the image ({} bytes read, {} "
                "expected): the device's memory is not what was sent",
                uploaded->size(), expected.size());
            return outcome;
        }
        outcome.verified_by = "read-back";
    }
    k_log.debug("restarting the device");
    if (auto restarted = m_driver.restart(); !restarted) {
        outcome.result = FlashResult::Failed;
        outcome.message = fmt::format("flashed, but the device did not come back running: {}",
                                      restarted.error().message);
        return outcome;
    }
    outcome.after_version = m_device.info().bcd_device ? m_device.info().version() : "";
    if (!outcome.after_version.empty()) {
        if (compare_versions(outcome.after_version, plan.image.version).value_or(1) != 0) {
            outcome.result = FlashResult::Failed;
            outcome.message = fmt::format(
                "after the flash the device reports version {}, the "
                "image is {}",
                outcome.after_version, plan.image.version);
            return outcome;
        }
        if (outcome.verified_by.empty()) outcome.verified_by = "reported version";
    }
    outcome.result = FlashResult::Succeeded;
    outcome.message =
        outcome.verified_by.empty()
            ? fmt::format("flashed {}; the device can neither be read back nor reports a version",
                          plan.image.version)
            : fmt::format("flashed {}, verified by {}", plan.image.version, outcome.verified_by);
    return outcome;
}

Result<FlashOutcome> FlashSession::flash(const FlashPlan& plan, FlashRecorder& recorder,
                                         const FlashProgress& progress,
                                         const dfu::DfuCancel& cancel) {
    if (auto begun = recorder.begin(plan); !begun) return std::unexpected(begun.error());
    FlashOutcome outcome = run(plan, progress, cancel);
    k_log.info("{} {}: {}", plan.device.usb_ids, name_of(outcome.result), outcome.message);
    if (auto finished = recorder.finish(plan, outcome); !finished)
        return std::unexpected(finished.error());
    return outcome;
}

}  // namespace rs::firmware
