// Camera sources by name: a device index or path, a video or image file, a folder, a URL, "sim".
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "devices/camera/camera.h"
#include "devices/camera/simulated_camera.h"

namespace rs::devices {

struct CameraSettings {
    int width = 0;  // devices and streams: requested size; 0: their own
    int height = 0;
    std::string fourcc = "MJPG";
    int fps = 0;
    SimulatedCameraOptions simulated;  // for "sim" and "sim:NAME"
};

// How a source text is taken:
//   "0", "/dev/video0", "/dev/v4l/by-id/..."   a V4L2 device
//   "rtsp://...", "http(s)://..."             a network stream
//   a folder                                  its images, in name order
//   "x.png", "x.jpg", ... (existing)          that one image
//   any other existing file                   a video file (mp4, avi, mkv, ...)
//   "sim" or "sim:NAME"                       the simulated camera
// Anything else is a NotFound error that says what was expected.
Result<std::unique_ptr<Camera>> make_camera(const std::string& source,
                                            const CameraSettings& settings = {},
                                            const Clock& clock = SystemClock::instance());

// The simulated camera's default scene: the IMEI label of the demo's first phone (Code 128)
// and a DataMatrix serial, sharp, as `station demo` photographs it.
SimulatedCameraOptions default_simulated_scene();

}  // namespace rs::devices
