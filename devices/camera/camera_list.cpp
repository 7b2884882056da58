// Video device listing from sysfs names and the udev by-id/by-path links.
#include "devices/camera/camera_list.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace rs::devices {

Result<std::vector<VideoDevice>> list_video_devices(const std::string& sys_root,
                                                    const std::string& dev_root) {
    namespace fs = std::filesystem;
    std::vector<VideoDevice> devices;
    std::error_code error;
    fs::path classes = fs::path(sys_root) / "class" / "video4linux";
    if (!fs::is_directory(classes, error)) return devices;
    for (const auto& entry : fs::directory_iterator(classes, error)) {
        std::string node = entry.path().filename().string();  // video0
        if (node.rfind("video", 0) != 0) continue;
        VideoDevice device;
        device.path = (fs::path(dev_root) / node).string();
        try {
            device.index = std::stoi(node.substr(5));
        } catch (const std::exception&) {
            continue;
        }
        std::ifstream name_file(entry.path() / "name");
        std::getline(name_file, device.name);
        devices.push_back(std::move(device));
    }
    // The links udev makes survive re-plugging, unlike the numbers: name them first.
    for (const char* folder : {"by-id", "by-path"}) {
        fs::path links = fs::path(dev_root) / "v4l" / folder;
        if (!fs::is_directory(links, error)) continue;
        for (const auto& link : fs::directory_iterator(links, error)) {
            if (!fs::is_symlink(link.symlink_status(error))) continue;
            std::string target = fs::read_symlink(link.path(), error).filename().string();
            for (auto& device : devices)
                if (fs::path(device.path).filename() == target)
                    device.stable_paths.push_back(link.path().string());
        }
    }
    for (auto& device : devices)
        std::sort(device.stable_paths.begin(), device.stable_paths.end());
    std::sort(devices.begin(), devices.end(),
              [](const VideoDevice& a, const VideoDevice& b) { return a.index < b.index; });
    return devices;
}

}  // namespace rs::devices
