// The [cameras] and [photos] sections: which cameras a bench has, how stills and codes are
// taken from them, and where photos are kept.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"
#include "devices/camera/camera_source.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/still_capture.h"
#include "station/store/config.h"

namespace rs::station {

struct CameraEntry {
    std::string name;    // how people and --camera call it: "bench"
    std::string source;  // as for `--source`: "/dev/v4l/by-id/...", "rtsp://...", "sim"
    devices::CameraSettings settings;
};

struct CamerasConfig {
    std::vector<CameraEntry> cameras;
    std::string default_camera;  // [cameras] default; empty: the first configured one
    devices::StillOptions still;
    devices::DecoderOptions decoder;

    // The named camera, or the default one when `name` is empty; null when there is none.
    const CameraEntry* find(const std::string& name) const;
};

// [cameras]
// default = "bench"             # used when a command names no camera
// still_frames = 5              # a still is the sharpest of this many frames
// skip_frames = 0               # frames dropped first (exposure still settling)
// formats = ["code128", ...]    # barcode formats read from frames
// (devices/camera/barcode_formats.h) max_symbols = 8               # codes read from one frame at
// most try_inverted = true           # retry 2D codes light-on-dark (etched DataMatrix)
// try_rotated = true            # also read 1D codes turned to the angle they lie at
// work_width = 1280             # wider frames are read scaled down first
// [cameras.quality]             # min_sharpness, min_brightness, max_brightness,
//                               # max_clipped_shadows, max_clipped_highlights, max_glare
// [[cameras.device]]
// name = "bench"
// source = "/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920_...-video-index0"
// width = 1920                  # 0: the device's own
// height = 1080
// fourcc = "MJPG"
// fps = 30
// Unknown keys are errors: a typo never silently falls back to a default.
Result<CamerasConfig> parse_cameras_config(const StationConfig& config);

struct PhotosConfig {
    std::string dir;        // where photo files go
    int jpeg_quality = 90;  // 1-100
    int thumbnail_width = 320;
};

// [photos] dir = "..." (default: a "photos" folder next to the store file), jpeg_quality,
// thumbnail_width.
Result<PhotosConfig> parse_photos_config(const StationConfig& config,
                                         const std::string& store_path);

}  // namespace rs::station
