// The pipe protocol between the station and its decode worker (station-decode-worker): one gray
// frame and the decoder's options go out, the codes found come back. Both ends are this build,
// on this machine: integers are sent in the machine's own byte order.
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "devices/camera/frame_decoder.h"

namespace rs::devices {

// Frames larger than this are refused before they are sent (a 100-megapixel still is larger
// than any bench camera makes).
constexpr std::int64_t k_max_worker_pixels = 100'000'000;

// Blocking, complete reads and writes on a socket; false when the other end is gone. Writes
// never raise SIGPIPE.
bool write_all(int fd, const void* data, std::size_t size);
bool read_all(int fd, void* data, std::size_t size);

// Request: magic, rows, cols, options, then rows*cols bytes of an 8-bit gray image.
bool write_request(int fd, const cv::Mat& gray, const DecoderOptions& options);
struct DecodeRequest {
    cv::Mat gray;
    DecoderOptions options;
};
// Nothing at the end of the stream or on a malformed request.
std::optional<DecodeRequest> read_request(int fd);

// Reply: magic, the number of codes, then each code's format, text, symbology, pass and corners.
// The source and time of the scans are the caller's: they are not sent.
bool write_reply(int fd, const std::vector<DecodedCode>& codes);
std::optional<std::vector<DecodedCode>> read_reply(int fd);

}  // namespace rs::devices
