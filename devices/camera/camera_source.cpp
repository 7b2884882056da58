// Camera sources: telling devices, streams, folders, images, videos and the simulator apart.
#include "devices/camera/camera_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>

#include "devices/camera/image_folder_camera.h"
#include "devices/camera/video_capture_camera.h"

namespace rs::devices {
namespace {

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

}  // namespace

SimulatedCameraOptions default_simulated_scene() {
    SimulatedCameraOptions options;
    options.codes = {{"code128", "490154203237518", 3, false, 0, false},
                     {"datamatrix", "R52T80ABCDE", 6, false, 0, false}};
    return options;
}

Result<std::unique_ptr<Camera>> make_camera(const std::string& source,
                                            const CameraSettings& settings, const Clock& clock) {
    namespace fs = std::filesystem;
    if (source.empty())
        return fail(ErrorCode::Invalid, "no camera source given: a device, file, folder or URL",
                    "camera");
    if (source == "sim" || starts_with(source, "sim:")) {
        SimulatedCameraOptions options = settings.simulated;
        if (source.size() > 4) {
            options.name = source.substr(4);
            // Each named simulator has its own sensor noise (FNV-1a of its name), as two real
            // cameras do: pictures of two devices from "sim:a" and "sim:b" are never the same
            // file, while "sim" and "sim:bench" stay the default scene.
            if (options.name != "bench") {
                std::uint32_t hash = 2166136261u;
                for (unsigned char c : options.name)
                    hash = (hash ^ c) * 16777619u;
                options.seed = hash;
            }
        }
        return std::unique_ptr<Camera>(new SimulatedCamera(std::move(options), clock));
    }
    VideoSourceOptions video;
    video.location = source;
    video.width = settings.width;
    video.height = settings.height;
    video.fourcc = settings.fourcc;
    video.fps = settings.fps;
    bool digits =
        std::all_of(source.begin(), source.end(), [](unsigned char c) { return std::isdigit(c); });
    if (digits || starts_with(source, "/dev/")) {
        video.kind = VideoSourceKind::Device;
        return std::unique_ptr<Camera>(new VideoCaptureCamera(std::move(video), clock));
    }
    if (starts_with(source, "rtsp://") || starts_with(source, "rtsps://") ||
        starts_with(source, "http://") || starts_with(source, "https://")) {
        video.kind = VideoSourceKind::Url;
        return std::unique_ptr<Camera>(new VideoCaptureCamera(std::move(video), clock));
    }
    std::error_code error;
    if (fs::is_directory(source, error) ||
        (fs::is_regular_file(source, error) && is_image_file_name(fs::path(source))))
        return std::unique_ptr<Camera>(new ImageFolderCamera(source, clock));
    if (fs::is_regular_file(source, error)) {
        video.kind = VideoSourceKind::File;
        return std::unique_ptr<Camera>(new VideoCaptureCamera(std::move(video), clock));
    }
    return fail(ErrorCode::NotFound,
                fmt::format("camera source {} not found: give a device (0, /dev/video0, "
                            "/dev/v4l/by-id/...), an existing image, video or folder, an "
                            "rtsp:// or http:// URL, or sim",
                            source),
                "camera");
}

}  // namespace rs::devices
