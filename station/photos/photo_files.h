// PhotoFiles: photo JPEGs and thumbnails kept under their SHA-256, so a picture is stored once
// and no name from outside ever becomes a path.
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>

#include "common/error.h"

namespace rs::station {

struct StoredPhotoFile {
    std::string sha256;          // of the JPEG bytes
    std::string path;            // <dir>/<first two hex digits>/<sha256>.jpg
    std::string thumbnail_path;  // <dir>/<first two hex digits>/<sha256>.thumb.jpg
    std::int64_t bytes = 0;
    int width = 0;
    int height = 0;
    bool existed = false;  // the same bytes were stored before
};

class PhotoFiles {
public:
    PhotoFiles(std::string dir, int jpeg_quality = 90, int thumbnail_width = 320);

    // Encodes `image` as JPEG (and a thumbnail) and writes both atomically: a crash leaves
    // either no file or a whole one. Writing the same picture again writes nothing.
    Result<StoredPhotoFile> store(const cv::Mat& image) const;

    // Paths from a hash only; anything but 64 lowercase hex digits is an Invalid error.
    Result<std::string> path_of(const std::string& sha256) const;
    Result<std::string> thumbnail_of(const std::string& sha256) const;
    // Reads the file back and checks it still has its hash (a damaged disk, a hand edit).
    Status verify(const std::string& sha256) const;

    const std::string& dir() const { return m_dir; }

private:
    std::string m_dir;
    int m_jpeg_quality;
    int m_thumbnail_width;
};

}  // namespace rs::station
