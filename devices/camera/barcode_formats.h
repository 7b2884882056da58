// Barcode formats by the names the configuration uses, as a set the frame decoder reads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"

namespace rs::devices {

// A set of formats; the bits are zxing-cpp's, kept out of this header so that users of the
// camera library do not need its headers.
class BarcodeFormatSet {
public:
    BarcodeFormatSet() = default;
    explicit BarcodeFormatSet(std::uint32_t bits) : m_bits(bits) {}

    std::uint32_t bits() const { return m_bits; }
    bool empty() const { return m_bits == 0; }
    BarcodeFormatSet linear() const;  // the 1D formats of this set
    BarcodeFormatSet matrix() const;  // the 2D and stacked formats of this set
    std::vector<std::string> names() const;
    bool operator==(const BarcodeFormatSet&) const = default;

private:
    std::uint32_t m_bits = 0;
};

// Every name a configuration may use: aztec, codabar, code39, code93, code128, databar,
// databar_expanded, datamatrix, ean8, ean13, itf, maxicode, micro_qrcode, pdf417, qrcode, upca,
// upce.
const std::vector<std::string>& barcode_format_names();

// Unknown names are an Invalid error that lists the known ones; "all" selects every format.
Result<BarcodeFormatSet> parse_barcode_formats(const std::vector<std::string>& names);

// What a repair bench meets: device serial labels (Code 128, Code 39, DataMatrix), retail
// boxes (EAN/UPC), cartons (ITF-14), QR codes, carrier shipping labels (PDF417). The rest
// cost time on every frame and are enabled in the configuration when needed.
BarcodeFormatSet default_barcode_formats();

// The configuration name of one format's bits ("code128"), or "" when not exactly one.
std::string barcode_format_name(std::uint32_t bit);

}  // namespace rs::devices
