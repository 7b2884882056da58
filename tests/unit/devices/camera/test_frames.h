// Test frames: barcodes drawn with zxing-cpp's writer, placed on a bench-like canvas.
#pragma once

#include <ZXing/ReadBarcode.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "devices/camera/barcode_image.h"
#include "devices/camera/frame_decoder.h"
#include "devices/camera/frame_effects.h"

namespace rs::test {

inline cv::Mat code_image(const std::string& format, const std::string& text, int module_px = 3,
                          bool gs1 = false) {
    auto drawn = devices::draw_barcode({format, text, module_px, 0, 10, gs1});
    REQUIRE(drawn);
    return *drawn;
}

// A gray canvas of `width` x `height` (a mid-gray bench mat with a soft gradient) with `code`
// placed so that its center is at (cx, cy) as fractions of the canvas.
inline cv::Mat on_canvas(const cv::Mat& code, int width = 1280, int height = 720, double cx = 0.5,
                         double cy = 0.5) {
    cv::Mat canvas(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y)
        canvas.row(y).setTo(cv::Scalar(90 + 40 * y / height));
    devices::place(canvas, code, static_cast<int>(cx * width) - code.cols / 2,
                   static_cast<int>(cy * height) - code.rows / 2);
    return canvas;
}

inline std::vector<std::string> texts(const std::vector<devices::DecodedCode>& codes) {
    std::vector<std::string> out;
    for (const auto& code : codes)
        out.push_back(code.scan.text);
    std::sort(out.begin(), out.end());
    return out;
}

// Runs plain ReadBarcodes (zxing's defaults) on `frame` in a child process; its wait status.
inline int status_of_plain_zxing(const cv::Mat& frame) {
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGABRT, SIG_DFL);  // Catch2's handler would report a failed test here
        ZXing::ReadBarcodes({frame.data, frame.cols, frame.rows, ZXing::ImageFormat::Lum,
                             static_cast<int>(frame.step)},
                            ZXing::DecodeHints());
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return status;
}

}  // namespace rs::test
