// Taking a photo: choosing the camera, capturing a still, reading its codes, filing it.
#include "station/photos/photo_taking.h"

#include <fmt/format.h>

#include <exception>

#include "devices/camera/camera_source.h"

namespace rs::station {

Result<std::unique_ptr<devices::Camera>> choose_camera(const CamerasConfig& cameras,
                                                       const std::string& source,
                                                       const std::string& name) {
    if (!source.empty()) {
        devices::CameraSettings settings;
        settings.simulated = devices::default_simulated_scene();
        return devices::make_camera(source, settings);
    }
    const CameraEntry* entry = cameras.find(name);
    if (!entry) {
        if (!name.empty())
            return fail(
                ErrorCode::NotFound,
                fmt::format("no camera named {} in the configuration's [[cameras.device]]", name),
                "camera");
        return fail(ErrorCode::Invalid,
                    "which camera? give --source (a device, file, folder or URL) or --camera, "
                    "or configure [[cameras.device]]",
                    "camera");
    }
    return devices::make_camera(entry->source, entry->settings);
}

namespace {

Result<TakenPhoto> take_photo_unguarded(StationStore& store, const PhotoFiles& files,
                                        devices::Camera& camera, const devices::StillOptions& still,
                                        const devices::DecoderOptions& decoder,
                                        const devices::WorkerSettings& worker,
                                        const PhotoRequest& request) {
    // The order first: a mistyped number costs no photo session.
    if (auto order = photographed_order(store, request.order_number); !order)
        return std::unexpected(order.error());
    auto taken = devices::capture_still(camera, still);
    camera.close();
    if (!taken) return std::unexpected(taken.error());

    NewPhoto photo;
    photo.order_number = request.order_number;
    photo.stage = request.stage;
    photo.operator_id = request.operator_id;
    photo.camera = camera.source();
    photo.taken_ms = taken->frame.time_ms;
    photo.image = taken->frame.image;
    photo.quality = taken->quality;
    auto decoded = devices::IsolatedDecoder(decoder, worker)
                       .decode(taken->frame.image, photo.camera, taken->frame.time_ms);
    photo.codes = std::move(decoded.codes);
    auto added = add_photo(store, files, photo);
    if (!added) return std::unexpected(added.error());
    return TakenPhoto{std::move(*added), std::move(*taken), std::move(photo.codes),
                      std::move(decoded.failure)};
}

}  // namespace

Result<TakenPhoto> take_photo(StationStore& store, const PhotoFiles& files, devices::Camera& camera,
                              const devices::StillOptions& still,
                              const devices::DecoderOptions& decoder,
                              const devices::WorkerSettings& worker, const PhotoRequest& request) {
    // OpenCV throws on shapes its functions refuse (issue 17: a 3000x1 image): an error for
    // this photo, never the end of the program.
    try {
        return take_photo_unguarded(store, files, camera, still, decoder, worker, request);
    } catch (const std::exception& error) {
        camera.close();
        return fail(ErrorCode::Invalid,
                    fmt::format("the picture from {} could not be processed: {}", camera.source(),
                                error.what()),
                    "camera");
    }
}

}  // namespace rs::station
