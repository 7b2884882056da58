// ImageFolderCamera: listing, natural ordering and reading of still images.
#include "devices/camera/image_folder_camera.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>  // the flags only: the code is in the module
#include <set>
#include <string>

#include "devices/camera/opencv_io.h"

namespace rs::devices {
namespace {

// The largest image read from a file: twice a 50-megapixel phone camera's. OpenCV's own limit
// (2^30 pixels) lets a 20000x20000 file take over a gigabyte before anything looks at it; its
// decoders check OPENCV_IO_MAX_IMAGE_PIXELS against the header, before decoding. Set once,
// before the first read, unless the environment already chose.
constexpr long k_largest_image_pixels = 100'000'000;

void limit_image_size() {
    static const bool set = [] {
        ::setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(k_largest_image_pixels).c_str(), 0);
        return true;
    }();
    (void)set;
}

}  // namespace

bool is_image_file_name(const std::filesystem::path& path) {
    static const std::set<std::string> k_endings = {".png",  ".jpg",  ".jpeg", ".bmp", ".tif",
                                                    ".tiff", ".webp", ".pgm",  ".ppm"};
    std::string ending = path.extension().string();
    std::transform(ending.begin(), ending.end(), ending.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return k_endings.contains(ending);
}

bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        bool digit_a = std::isdigit(static_cast<unsigned char>(a[i]));
        bool digit_b = std::isdigit(static_cast<unsigned char>(b[j]));
        if (digit_a && digit_b) {
            std::size_t end_a = i, end_b = j;
            while (end_a < a.size() && std::isdigit(static_cast<unsigned char>(a[end_a])))
                ++end_a;
            while (end_b < b.size() && std::isdigit(static_cast<unsigned char>(b[end_b])))
                ++end_b;
            // Compare without leading zeros: longer runs are larger numbers.
            std::string_view run_a(a.data() + i, end_a - i), run_b(b.data() + j, end_b - j);
            while (run_a.size() > 1 && run_a.front() == '0')
                run_a.remove_prefix(1);
            while (run_b.size() > 1 && run_b.front() == '0')
                run_b.remove_prefix(1);
            if (run_a.size() != run_b.size()) return run_a.size() < run_b.size();
            if (run_a != run_b) return run_a < run_b;
            i = end_a;
            j = end_b;
            continue;
        }
        if (a[i] != b[j]) return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

ImageFolderCamera::ImageFolderCamera(std::string location, const Clock& clock)
    : m_location(std::move(location)), m_clock(clock), m_source("file:" + m_location) {}

Status ImageFolderCamera::open() {
    namespace fs = std::filesystem;
    std::error_code error;
    m_files.clear();
    m_next = 0;
    if (fs::is_directory(m_location, error)) {
        for (const auto& entry : fs::directory_iterator(m_location, error))
            if (entry.is_regular_file() && is_image_file_name(entry.path()))
                m_files.push_back(entry.path());
        if (error)
            return fail(ErrorCode::Io,
                        fmt::format("cannot list {}: {}", m_location, error.message()), "camera");
        std::sort(m_files.begin(), m_files.end(), [](const fs::path& a, const fs::path& b) {
            return natural_less(a.filename().string(), b.filename().string());
        });
        if (m_files.empty())
            return fail(
                ErrorCode::NotFound,
                fmt::format("folder {} holds no images (png, jpg, bmp, tif, webp)", m_location),
                "camera");
    } else if (fs::is_regular_file(m_location, error)) {
        m_files.push_back(m_location);
    } else {
        return fail(ErrorCode::NotFound,
                    fmt::format("{} is neither an image file nor a folder", m_location), "camera");
    }
    m_state = CameraState::Connected;
    return {};
}

Result<std::optional<Frame>> ImageFolderCamera::capture() {
    if (m_state == CameraState::Closed)
        return fail(ErrorCode::Conflict, m_source + " is not open", "camera");
    if (m_next >= m_files.size()) {
        m_state = CameraState::Finished;
        return std::nullopt;
    }
    m_current = m_files[m_next];
    std::int64_t index = static_cast<std::int64_t>(m_next++);
    cv::Mat image;
    limit_image_size();
    auto io = opencv_io();
    if (!io) return std::unexpected(io.error());
    try {
        image = (*io)->read_image(m_current.string(), cv::IMREAD_COLOR);
    } catch (const cv::Exception& error) {
        // The limit above, met in the header: OpenCV says so with a failed assertion. (It holds
        // since imgcodecs is loaded after the setenv, on first use: OpenCV reads the variable
        // once, when the library loads.)
        if (error.err.find("CV_IO_MAX_IMAGE_PIXELS") != std::string::npos)
            return fail(ErrorCode::Invalid,
                        fmt::format("{} is larger than {} megapixels: refused from its header, "
                                    "before decoding",
                                    m_current.string(), k_largest_image_pixels / 1'000'000),
                        "camera");
        return fail(
            ErrorCode::Invalid,
            fmt::format("{} cannot be read as an image: {}", m_current.string(), error.what()),
            "camera");
    }
    if (image.empty())
        return fail(ErrorCode::Invalid,
                    fmt::format("{} is not an image OpenCV can read (damaged, another format, "
                                "or larger than {} megapixels)",
                                m_current.string(), k_largest_image_pixels / 1'000'000),
                    "camera");
    return Frame{std::move(image), m_clock.now_ms(), index};
}

}  // namespace rs::devices
