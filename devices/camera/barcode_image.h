// Drawing barcodes as images with zxing-cpp's writer: for the simulated camera, tests, benches.
#pragma once

#include <opencv2/core/mat.hpp>

#include <string>

#include "common/error.h"

namespace rs::devices {

struct BarcodeDrawing {
    std::string format = "code128";  // a name of barcode_format_names()
    std::string text;                // UTF-8; for gs1 Code 128, GS (0x1D) separates fields
    int module_px = 3;               // width of the narrowest bar or of one 2D module
    int bar_height_px = 0;           // 1D codes; 0: 40 modules
    int quiet_modules = 10;          // white margin around the symbol, in modules
    bool gs1 = false;                // Code 128 only: FNC1 first, GS written as FNC1
};

// An 8-bit gray image, black symbol on white. Text the format cannot hold is an Invalid error.
Result<cv::Mat> draw_barcode(const BarcodeDrawing& drawing);

}  // namespace rs::devices
