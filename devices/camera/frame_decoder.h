// FrameDecoder: barcodes read from camera frames with zxing-cpp, as Scans like a scanner's.
#pragma once

#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/scan.h"
#include "devices/camera/barcode_formats.h"

namespace rs::devices {

struct DecoderOptions {
    BarcodeFormatSet formats = default_barcode_formats();
    int max_symbols = 8;       // codes read from one frame at most
    bool try_inverted = true;  // 2D codes light-on-dark too (laser-etched DataMatrix)
    bool try_rotated = true;   // 1D codes turned to the angle they lie at
    // Frames wider than this are read scaled down first; full size is the retry.
    int work_width = 1280;
    // CPU time after which the deep pass (places read harder) stops, counted from the frame's
    // start; 0 off.
    int deep_budget_ms = 150;
};

struct DecodedCode {
    Scan scan;                           // text (UTF-8, GS kept), AIM id, source, time
    std::string format;                  // configuration name: "code128", "datamatrix"
    std::array<cv::Point, 4> corners{};  // in frame pixels: top-left, top-right, bottom-right,
                                         // bottom-left of the symbol as read
    std::string pass;  // which try found it: zxing, fast, rotated, inverted, full, deep
};

// Reads every enabled code of a frame (docs/cameras.md):
//   zxing    the frame scaled to work_width, every configured format, as zxing-cpp reads it;
//            when it finds a code the frame is done, else:
//   fast     DataMatrix in crops around compact blobs of edges (etched ones inverted), 1D codes
//            on images smoothed along the bars, by rows and by columns;
//   rotated  1D codes in the blobs no code was read from, each turned to lie along the rows;
//   inverted when nothing was read: light-on-dark 2D codes over the whole image;
//   deep     places no code read covers (all of them when nothing was read, else those that
//            look like another code), each turned upright, scaled to modules of about 4 px,
//            its contrast stretched, read with every format, both of zxing's binarizers,
//            deblurred across the bars, sharpened, inverted, smoothed and split at one
//            threshold, until deep_budget_ms of CPU time from the frame's start have passed;
//   full     when still nothing and the deep pass ended within half its budget: the
//            full-size frame with zxing's try-harder.
// zxing-cpp 1.4 aborts the process when ReadBarcodes compares two finds of one 1D code
// (Result::operator== asserts lineCount() == 1): 1D codes are therefore read one per call and
// blanked out before the next call.
class FrameDecoder {
public:
    explicit FrameDecoder(DecoderOptions options = {}) : m_options(std::move(options)) {}

    // Never throws: an exception from zxing-cpp or OpenCV is logged and the frame has no codes.
    // It can abort the process, though (zxing-cpp 1.4's assertions): the station decodes in a
    // worker process (isolated_decoder.h).
    std::vector<DecodedCode> decode(const cv::Mat& image, const std::string& source,
                                    std::int64_t time_ms) const;

    const DecoderOptions& options() const { return m_options; }

private:
    std::vector<DecodedCode> decode_passes(const cv::Mat& gray, const std::string& source,
                                           std::int64_t time_ms) const;

    DecoderOptions m_options;
};

}  // namespace rs::devices
