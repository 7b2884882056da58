// The decode worker's pipe protocol: fixed-size headers, length-prefixed strings.
#include "devices/camera/decode_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace rs::devices {
namespace {

constexpr std::uint32_t k_request_magic = 0x52534471;  // "RSDq"
constexpr std::uint32_t k_reply_magic = 0x52534461;    // "RSDa"
// A reply never holds more codes than max_symbols allows (at most 255), nor longer texts than
// a 2D symbol holds; anything larger is a broken stream.
constexpr std::uint32_t k_max_codes = 1024;
constexpr std::uint32_t k_max_string = 1 << 20;

struct RequestHeader {
    std::uint32_t magic;
    std::int32_t rows, cols;
    std::uint32_t formats;
    std::int32_t max_symbols, work_width;
    std::uint8_t try_inverted, try_rotated, pad[2];
};

bool write_string(int fd, const std::string& text) {
    auto size = static_cast<std::uint32_t>(text.size());
    return write_all(fd, &size, sizeof size) && write_all(fd, text.data(), text.size());
}

bool read_string(int fd, std::string& text) {
    std::uint32_t size = 0;
    if (!read_all(fd, &size, sizeof size) || size > k_max_string) return false;
    text.resize(size);
    return read_all(fd, text.data(), size);
}

}  // namespace

bool write_all(int fd, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        // send, not write: MSG_NOSIGNAL keeps a dead worker's socket from raising SIGPIPE. A
        // worker's stdout may be a plain pipe when run by hand: then write.
        ssize_t sent = ::send(fd, bytes, size, MSG_NOSIGNAL);
        if (sent < 0 && errno == ENOTSOCK) sent = ::write(fd, bytes, size);
        if (sent < 0 && errno == EINTR) continue;
        if (sent <= 0) return false;
        bytes += sent;
        size -= static_cast<std::size_t>(sent);
    }
    return true;
}

bool read_all(int fd, void* data, std::size_t size) {
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        ssize_t got = ::read(fd, bytes, size);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        bytes += got;
        size -= static_cast<std::size_t>(got);
    }
    return true;
}

bool write_request(int fd, const cv::Mat& gray, const DecoderOptions& options) {
    if (gray.type() != CV_8UC1) return false;
    RequestHeader header{k_request_magic,        gray.rows,           gray.cols,
                         options.formats.bits(), options.max_symbols, options.work_width,
                         options.try_inverted,   options.try_rotated, {0, 0}};
    if (!write_all(fd, &header, sizeof header)) return false;
    for (int row = 0; row < gray.rows; ++row)
        if (!write_all(fd, gray.ptr(row), static_cast<std::size_t>(gray.cols))) return false;
    return true;
}

std::optional<DecodeRequest> read_request(int fd) {
    RequestHeader header{};
    if (!read_all(fd, &header, sizeof header) || header.magic != k_request_magic)
        return std::nullopt;
    if (header.rows < 0 || header.cols < 0 ||
        static_cast<std::int64_t>(header.rows) * header.cols > k_max_worker_pixels)
        return std::nullopt;
    DecodeRequest request;
    request.gray.create(header.rows, header.cols, CV_8UC1);
    if (!request.gray.empty() && !read_all(fd, request.gray.data, request.gray.total()))
        return std::nullopt;
    request.options.formats = BarcodeFormatSet(header.formats);
    request.options.max_symbols = header.max_symbols;
    request.options.work_width = header.work_width;
    request.options.try_inverted = header.try_inverted != 0;
    request.options.try_rotated = header.try_rotated != 0;
    return request;
}

bool write_reply(int fd, const std::vector<DecodedCode>& codes) {
    std::uint32_t head[2] = {k_reply_magic, static_cast<std::uint32_t>(codes.size())};
    if (!write_all(fd, head, sizeof head)) return false;
    for (const auto& code : codes) {
        if (!write_string(fd, code.format) || !write_string(fd, code.scan.text) ||
            !write_string(fd, code.scan.symbology) || !write_string(fd, code.pass))
            return false;
        std::int32_t corners[8];
        for (std::size_t i = 0; i < 4; ++i) {
            corners[2 * i] = code.corners[i].x;
            corners[2 * i + 1] = code.corners[i].y;
        }
        if (!write_all(fd, corners, sizeof corners)) return false;
    }
    return true;
}

std::optional<std::vector<DecodedCode>> read_reply(int fd) {
    std::uint32_t head[2] = {0, 0};
    if (!read_all(fd, head, sizeof head) || head[0] != k_reply_magic || head[1] > k_max_codes)
        return std::nullopt;
    std::vector<DecodedCode> codes(head[1]);
    for (auto& code : codes) {
        if (!read_string(fd, code.format) || !read_string(fd, code.scan.text) ||
            !read_string(fd, code.scan.symbology) || !read_string(fd, code.pass))
            return std::nullopt;
        std::int32_t corners[8];
        if (!read_all(fd, corners, sizeof corners)) return std::nullopt;
        for (std::size_t i = 0; i < 4; ++i)
            code.corners[i] = cv::Point(corners[2 * i], corners[2 * i + 1]);
    }
    return codes;
}

}  // namespace rs::devices
