// VideoCaptureCamera: OpenCV VideoCapture on V4L2 devices, video files and RTSP/HTTP streams.
#pragma once

#include <memory>
#include <string>

#include "common/clock.h"
#include "devices/camera/camera.h"
#include "devices/camera/opencv_io.h"

namespace rs::devices {

enum class VideoSourceKind { Device, File, Url };

struct VideoSourceOptions {
    VideoSourceKind kind = VideoSourceKind::Device;
    // Device: an index ("0") or a path ("/dev/video0", "/dev/v4l/by-id/usb-...-video-index0").
    // File: a video file. Url: "rtsp://..." or "http(s)://..." (credentials are allowed here
    // but never appear in source()).
    std::string location;
    int width = 0;  // 0: whatever the device or stream gives
    int height = 0;
    // Devices only: USB 2 cameras deliver 1080p at 30 frames/s only compressed.
    std::string fourcc = "MJPG";
    int fps = 0;
    int timeout_ms = 5000;  // streams: how long opening or reading may wait
};

class VideoCaptureCamera : public Camera {
public:
    explicit VideoCaptureCamera(VideoSourceOptions options,
                                const Clock& clock = SystemClock::instance());
    ~VideoCaptureCamera() override;

    const std::string& source() const override { return m_source; }
    Status open() override;
    void close() override;
    CameraState state() const override { return m_state; }
    Result<std::optional<Frame>> capture() override;

private:
    Status open_capture();

    VideoSourceOptions m_options;
    const Clock& m_clock;
    std::string m_source;
    // Made on the first open (that loads OpenCV's video module, opencv_io.h).
    std::unique_ptr<VideoInput> m_capture;
    CameraState m_state = CameraState::Closed;
    std::int64_t m_next_index = 0;
};

// "rtsp://user:secret@cam/stream" -> "rtsp://cam/stream": safe to log and to store.
std::string url_without_credentials(const std::string& url);

}  // namespace rs::devices
