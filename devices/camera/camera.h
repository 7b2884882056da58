// Camera: the one interface of every frame source (V4L2 device, video file, image folder, URL,
// simulator).
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"

namespace rs::devices {

enum class CameraState { Closed, Connected, Disconnected, Finished };
const char* camera_state_name(CameraState state);

struct Frame {
    cv::Mat image;             // 8-bit BGR (or gray from gray sources)
    std::int64_t time_ms = 0;  // UTC milliseconds when it was taken
    std::int64_t index = 0;    // counts the frames this camera delivered, from 0
};

// Frames are pulled: a still capture takes a few, a code reader takes them as they come.
// Not thread-safe: one caller at a time.
class Camera {
public:
    virtual ~Camera() = default;
    // Names the camera in photos and in Scan::source: "v4l2:/dev/video0", "file:bench.mp4".
    virtual const std::string& source() const = 0;
    // Opens the device or file; an absent device is an error (NotFound or Io).
    virtual Status open() = 0;
    virtual void close() = 0;
    virtual CameraState state() const = 0;
    // The next frame; nullopt when a file or folder has no more (state Finished). A device
    // that stops answering (unplugged) is an Io error and state Disconnected, not a crash:
    // the next call tries to open it again.
    virtual Result<std::optional<Frame>> capture() = 0;
};

}  // namespace rs::devices
