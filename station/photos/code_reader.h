// Reading codes from a camera's frames, each code once: what `camera scan` prints and what
// intake takes from a camera exactly as from a scanner.
#pragma once

#include <cstdint>
#include <functional>

#include "devices/camera/camera.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/isolated_decoder.h"

namespace rs::station {

struct CodeInFrame {
    std::int64_t frame_index = 0;
    devices::DecodedCode code;
};

struct CodeReading {
    int frames = 0;         // frames read
    std::size_t codes = 0;  // distinct codes found
    int undecodable = 0;    // frames the decode worker died or hung on (reported, kept)
};

// Called once per distinct code (format + text); an error stops the reading and is returned.
using OnCode = std::function<Status(const CodeInFrame&)>;
// A frame that could not be read (a broken image in a folder) or decoded (the decode worker
// died on it): reported, and the reading goes on unless the camera is gone.
using OnFrameError = std::function<void(const Error&)>;

// Opens `camera` and reads at most `frame_limit` frames; 0: every frame of a file or folder,
// one from a device, a stream or the simulator (they never end). Frames are decoded in a worker
// process (devices/camera/isolated_decoder.h). Closes the camera.
Result<CodeReading> read_codes(devices::Camera& camera, const devices::DecoderOptions& options,
                               const devices::WorkerSettings& worker, int frame_limit,
                               const OnCode& on_code, const OnFrameError& on_frame_error);

}  // namespace rs::station
