// Taking a photo of a device for its repair order: the camera to use, the sharpest of a few
// frames, its quality, the codes in it, filed with the order.
#pragma once

#include <memory>
#include <string>

#include "devices/camera/camera.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/isolated_decoder.h"
#include "devices/camera/still_capture.h"
#include "station/photos/camera_config.h"
#include "station/photos/photos.h"

namespace rs::station {

// `source` (a device, file, folder, URL or "sim") wins, then the camera named `name`, then the
// configured default camera; a clear error when there is none.
Result<std::unique_ptr<devices::Camera>> choose_camera(const CamerasConfig& cameras,
                                                       const std::string& source,
                                                       const std::string& name);

struct PhotoRequest {
    std::string order_number;
    PhotoStage stage = PhotoStage::Intake;
    std::string operator_id;  // empty: the order's owner
};

struct TakenPhoto {
    AddedPhoto added;
    devices::Still still;                     // the frames compared and the one kept
    std::vector<devices::DecodedCode> codes;  // read from the kept frame
    std::optional<Error> decode_failure;      // its codes could not be read (the photo is filed)
};

// Captures a still from `camera` (then closes it), reads its codes in a decode worker and files
// it. The order is checked first, so a mistyped number costs no photo session. A frame the
// worker dies on is filed without codes, with `decode_failure` saying so.
Result<TakenPhoto> take_photo(StationStore& store, const PhotoFiles& files, devices::Camera& camera,
                              const devices::StillOptions& still,
                              const devices::DecoderOptions& decoder,
                              const devices::WorkerSettings& worker, const PhotoRequest& request);

}  // namespace rs::station
