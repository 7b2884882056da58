// Still capture: the sharpest of several frames, with its quality report.
#pragma once

#include <vector>

#include "common/error.h"
#include "devices/camera/camera.h"
#include "devices/camera/frame_quality.h"

namespace rs::devices {

struct StillOptions {
    int frames = 5;       // how many frames to compare
    int skip_frames = 0;  // dropped first: a device's first frames are often still adjusting
    QualityThresholds thresholds;
};

struct Still {
    Frame frame;                    // the sharpest frame
    QualityReport quality;          // of that frame
    std::vector<double> sharpness;  // of every frame compared, in order
    std::size_t chosen = 0;         // index into sharpness
};

// Opens the camera if needed. Stops early when a file has no more frames; fails only when no
// frame at all could be taken (the camera's error says why).
Result<Still> capture_still(Camera& camera, const StillOptions& options);

}  // namespace rs::devices
