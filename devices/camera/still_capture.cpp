// Still capture: frames compared by the variance of their Laplacian.
#include "devices/camera/still_capture.h"

#include <fmt/format.h>

#include "common/logger.h"

namespace rs::devices {
namespace {
const Logger k_log("camera");
}  // namespace

Result<Still> capture_still(Camera& camera, const StillOptions& options) {
    if (options.frames < 1)
        return fail(ErrorCode::Invalid, "a still needs at least 1 frame", "camera");
    if (camera.state() == CameraState::Closed)
        if (auto opened = camera.open(); !opened) return std::unexpected(opened.error());
    for (int skipped = 0; skipped < options.skip_frames; ++skipped) {
        auto frame = camera.capture();
        if (!frame) return std::unexpected(frame.error());
        if (!*frame) break;
    }
    Still still;
    double best = -1;
    std::optional<Error> last_error;
    for (int taken = 0; taken < options.frames; ++taken) {
        auto frame = camera.capture();
        if (!frame) {
            // An unreadable image in a folder or a hiccup of a stream loses one frame, not all.
            last_error = frame.error();
            k_log.warn("{}", frame.error().message);
            if (camera.state() == CameraState::Disconnected) break;
            continue;
        }
        if (!*frame) break;
        double sharpness = frame_sharpness((*frame)->image);
        still.sharpness.push_back(sharpness);
        if (sharpness > best) {
            best = sharpness;
            still.chosen = still.sharpness.size() - 1;
            still.frame = std::move(**frame);
        }
    }
    if (still.sharpness.empty()) {
        if (last_error) return std::unexpected(*last_error);
        return fail(ErrorCode::NotFound,
                    fmt::format("{} gave no frame (an empty video?)", camera.source()), "camera");
    }
    still.quality = check_quality(still.frame.image, options.thresholds);
    return still;
}

}  // namespace rs::devices
