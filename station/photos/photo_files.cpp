// PhotoFiles: JPEG encoding, content addressing and atomic, durable file writes.
#include "station/photos/photo_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>  // the flags only: the code is in the module
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "common/sha256.h"
#include "devices/camera/opencv_io.h"

namespace rs::station {
namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what, int error_number) {
    return Error{ErrorCode::Io, fmt::format("{}: {}", what, std::strerror(error_number)), "photos"};
}

Status sync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return std::unexpected(io_error("cannot open " + dir.string(), errno));
    int synced = ::fsync(fd);
    int error_number = errno;
    ::close(fd);
    if (synced != 0) return std::unexpected(io_error("cannot sync " + dir.string(), error_number));
    return {};
}

// Writes `bytes` to `target` through a temporary file in the same folder, flushed before the
// rename: readers never see half a photo, and a crash leaves no damaged file behind.
Status write_atomically(const fs::path& target, const std::string& bytes) {
    std::error_code error;
    if (fs::exists(target, error)) return {};  // content-addressed: same name, same bytes
    fs::path temporary =
        target.parent_path() / fmt::format(".{}.{}.tmp", target.filename().string(), ::getpid());
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return std::unexpected(io_error("cannot create " + temporary.string(), errno));
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int error_number = errno;
            ::close(fd);
            fs::remove(temporary, error);
            return std::unexpected(io_error("cannot write " + temporary.string(), error_number));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int error_number = errno;
        fs::remove(temporary, error);
        return std::unexpected(io_error("cannot flush " + temporary.string(), error_number));
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        int error_number = errno;
        fs::remove(temporary, error);
        return std::unexpected(io_error("cannot rename to " + target.string(), error_number));
    }
    return sync_dir(target.parent_path());
}

Result<std::string> encode_jpeg(const cv::Mat& image, int quality) {
    std::vector<std::uint8_t> buffer;
    auto io = devices::opencv_io();
    if (!io) return std::unexpected(io.error());
    try {
        if (!(*io)->encode_image(".jpg", image, {cv::IMWRITE_JPEG_QUALITY, quality}, buffer))
            return fail(ErrorCode::Invalid, "the frame cannot be encoded as JPEG", "photos");
    } catch (const cv::Exception& error) {
        return fail(ErrorCode::Invalid,
                    fmt::format("the frame cannot be encoded as JPEG: {}", error.what()), "photos");
    }
    return std::string(buffer.begin(), buffer.end());
}

}  // namespace

PhotoFiles::PhotoFiles(std::string dir, int jpeg_quality, int thumbnail_width)
    : m_dir(std::move(dir)), m_jpeg_quality(jpeg_quality), m_thumbnail_width(thumbnail_width) {}

Result<std::string> PhotoFiles::path_of(const std::string& sha256) const {
    if (!is_sha256_hex(sha256))
        return fail(ErrorCode::Invalid, "a photo file is named by 64 hex digits of its SHA-256",
                    "photos");
    return (fs::path(m_dir) / sha256.substr(0, 2) / (sha256 + ".jpg")).string();
}

Result<std::string> PhotoFiles::thumbnail_of(const std::string& sha256) const {
    if (!is_sha256_hex(sha256))
        return fail(ErrorCode::Invalid, "a photo file is named by 64 hex digits of its SHA-256",
                    "photos");
    return (fs::path(m_dir) / sha256.substr(0, 2) / (sha256 + ".thumb.jpg")).string();
}

Result<StoredPhotoFile> PhotoFiles::store(const cv::Mat& image) const {
    if (image.empty()) return fail(ErrorCode::Invalid, "no picture to store", "photos");
    auto jpeg = encode_jpeg(image, m_jpeg_quality);
    if (!jpeg) return std::unexpected(jpeg.error());
    cv::Mat small;
    double scale = std::min(1.0, static_cast<double>(m_thumbnail_width) / image.cols);
    // At least one pixel each way: a 3000x1 photo scaled by a factor has no rows, and resize
    // throws.
    cv::Size size(std::max(1, static_cast<int>(std::lround(image.cols * scale))),
                  std::max(1, static_cast<int>(std::lround(image.rows * scale))));
    cv::resize(image, small, size, 0, 0, cv::INTER_AREA);
    auto thumbnail = encode_jpeg(small, 80);
    if (!thumbnail) return std::unexpected(thumbnail.error());

    StoredPhotoFile stored;
    stored.sha256 = sha256_hex(*jpeg);
    stored.path = *path_of(stored.sha256);
    stored.thumbnail_path = *thumbnail_of(stored.sha256);
    stored.bytes = static_cast<std::int64_t>(jpeg->size());
    stored.width = image.cols;
    stored.height = image.rows;
    std::error_code error;
    stored.existed = fs::exists(stored.path, error);
    fs::create_directories(fs::path(stored.path).parent_path(), error);
    if (error)
        return std::unexpected(
            io_error("cannot create the photo folder under " + m_dir, error.value()));
    // The thumbnail first: a photo file present means its thumbnail is too.
    if (auto written = write_atomically(stored.thumbnail_path, *thumbnail); !written)
        return std::unexpected(written.error());
    if (auto written = write_atomically(stored.path, *jpeg); !written)
        return std::unexpected(written.error());
    return stored;
}

Status PhotoFiles::verify(const std::string& sha256) const {
    auto path = path_of(sha256);
    if (!path) return std::unexpected(path.error());
    std::ifstream file(*path, std::ios::binary);
    if (!file)
        return fail(ErrorCode::NotFound, fmt::format("photo file {} is missing", *path), "photos");
    std::stringstream bytes;
    bytes << file.rdbuf();
    if (sha256_hex(bytes.str()) != sha256)
        return fail(ErrorCode::Conflict,
                    fmt::format("photo file {} no longer matches its SHA-256: it was changed or "
                                "damaged",
                                *path),
                    "photos");
    return {};
}

}  // namespace rs::station
