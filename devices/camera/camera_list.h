// Listing the V4L2 video devices of this machine, with their names and stable by-id paths.
#pragma once

#include <string>
#include <vector>

#include "common/error.h"

namespace rs::devices {

struct VideoDevice {
    std::string path;                       // /dev/video0
    std::string name;                       // what the driver calls it: "HD Pro Webcam C920"
    std::vector<std::string> stable_paths;  // /dev/v4l/by-id/... and by-path links to it
    int index = -1;                         // the N of /dev/videoN
};

// Reads /sys/class/video4linux and /dev/v4l (roots given for tests). No such folders (no
// cameras, a container) is an empty list, not an error.
Result<std::vector<VideoDevice>> list_video_devices(const std::string& sys_root = "/sys",
                                                    const std::string& dev_root = "/dev");

}  // namespace rs::devices
