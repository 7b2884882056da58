// Loading station-opencv-io.so on first use (why: opencv_io.h).
#include "devices/camera/opencv_io.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "common/loaded_library.h"
#include "common/logger.h"

namespace rs::devices {
namespace {

namespace fs = std::filesystem;

const Logger k_log("camera");
constexpr const char* k_module_name = "station-opencv-io.so";

// Where the module may be, in the order tried (absolute paths: never a library path search).
std::vector<std::string> module_candidates() {
    std::vector<std::string> candidates;
    if (const char* path = std::getenv("RS_OPENCV_IO"); path && *path) candidates.push_back(path);
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        candidates.push_back((self.parent_path() / k_module_name).string());
#ifdef RS_OPENCV_IO_FROM_BINDIR
        // Installed under another prefix than the one built in (cmake --install --prefix).
        candidates.push_back(
            (self.parent_path() / RS_OPENCV_IO_FROM_BINDIR).lexically_normal().string());
#endif
    }
#ifdef RS_OPENCV_IO_INSTALL_PATH
    candidates.push_back(RS_OPENCV_IO_INSTALL_PATH);
#endif
#ifdef RS_OPENCV_IO_BUILD_PATH
    candidates.push_back(RS_OPENCV_IO_BUILD_PATH);
#endif
    return candidates;
}

Result<const OpenCvIo*> load_module() {
    auto module = LoadedLibrary::open(
        module_candidates(),
        fmt::format("OpenCV's video and image codecs ({}, installed with the station program; "
                    "RS_OPENCV_IO may name it)",
                    k_module_name),
        "camera");
    if (!module) return std::unexpected(module.error());
    auto entry = module->function<OpenCvIoEntry>(k_opencv_io_entry);
    if (!entry) return std::unexpected(entry.error());
    k_log.debug("video and image codecs loaded from {}", module->path());
    return (*entry)();
}

}  // namespace

Result<const OpenCvIo*> opencv_io() {
    static std::once_flag once;
    static Result<const OpenCvIo*> loaded = fail(ErrorCode::Internal, "not loaded", "camera");
    std::call_once(once, [] { loaded = load_module(); });
    return loaded;
}

}  // namespace rs::devices
