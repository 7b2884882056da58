// ImageFolderCamera: one image file, or every image of a folder in name order, as frames.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/clock.h"
#include "devices/camera/camera.h"

namespace rs::devices {

// True for the file endings OpenCV reads here (png, jpg, jpeg, bmp, tif, tiff, webp, pgm, ppm).
bool is_image_file_name(const std::filesystem::path& path);

class ImageFolderCamera : public Camera {
public:
    // `location` is an image file or a folder; a folder's images come in natural name order
    // (2.png before 10.png).
    explicit ImageFolderCamera(std::string location, const Clock& clock = SystemClock::instance());

    const std::string& source() const override { return m_source; }
    Status open() override;
    void close() override { m_state = CameraState::Closed; }
    CameraState state() const override { return m_state; }
    // A file that is not a readable image is an Invalid error naming it; the next call moves on.
    Result<std::optional<Frame>> capture() override;

    // The file the last delivered frame came from.
    const std::filesystem::path& current_file() const { return m_current; }

private:
    std::string m_location;
    const Clock& m_clock;
    std::string m_source;
    std::vector<std::filesystem::path> m_files;
    std::size_t m_next = 0;
    std::filesystem::path m_current;
    CameraState m_state = CameraState::Closed;
};

// Natural order: digit runs compare as numbers ("2.png" < "10.png").
bool natural_less(const std::string& a, const std::string& b);

}  // namespace rs::devices
