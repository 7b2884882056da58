// ZbarReader: the peer decoder of bench/camera_decode, zbar's image scanner on gray frames.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rs::bench {

// Kept apart from zxing-cpp: zbar's C++ headers clash with its error macros.
class ZbarReader {
public:
    // The symbologies zbar has of these configuration names (barcode_formats.h: "code128",
    // "qrcode", ...); names zbar has no decoder for (datamatrix, aztec, maxicode) are skipped.
    explicit ZbarReader(const std::vector<std::string>& formats);
    ~ZbarReader();
    ZbarReader(const ZbarReader&) = delete;
    ZbarReader& operator=(const ZbarReader&) = delete;

    // The texts of every symbol zbar finds in an 8-bit gray image (rows of `width` bytes).
    std::vector<std::string> read(const std::uint8_t* gray, int width, int height);

private:
    void* m_scanner;
};

}  // namespace rs::bench
