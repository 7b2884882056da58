// Barcode format names and sets, mapped onto zxing-cpp's format bits.
#include "devices/camera/barcode_formats.h"

#include <ZXing/BarcodeFormat.h>
#include <fmt/format.h>

#include <utility>

namespace rs::devices {
namespace {

using ZXing::BarcodeFormat;

struct NamedFormat {
    const char* name;
    BarcodeFormat format;
};

constexpr NamedFormat k_formats[] = {
    {"aztec", BarcodeFormat::Aztec},
    {"codabar", BarcodeFormat::Codabar},
    {"code39", BarcodeFormat::Code39},
    {"code93", BarcodeFormat::Code93},
    {"code128", BarcodeFormat::Code128},
    {"databar", BarcodeFormat::DataBar},
    {"databar_expanded", BarcodeFormat::DataBarExpanded},
    {"datamatrix", BarcodeFormat::DataMatrix},
    {"ean8", BarcodeFormat::EAN8},
    {"ean13", BarcodeFormat::EAN13},
    {"itf", BarcodeFormat::ITF},
    {"maxicode", BarcodeFormat::MaxiCode},
    {"micro_qrcode", BarcodeFormat::MicroQRCode},
    {"pdf417", BarcodeFormat::PDF417},
    {"qrcode", BarcodeFormat::QRCode},
    {"upca", BarcodeFormat::UPCA},
    {"upce", BarcodeFormat::UPCE},
};

std::uint32_t bit(BarcodeFormat format) {
    return static_cast<std::uint32_t>(format);
}

}  // namespace

BarcodeFormatSet BarcodeFormatSet::linear() const {
    return BarcodeFormatSet(m_bits & bit(BarcodeFormat::LinearCodes));
}

BarcodeFormatSet BarcodeFormatSet::matrix() const {
    return BarcodeFormatSet(m_bits & bit(BarcodeFormat::MatrixCodes));
}

std::vector<std::string> BarcodeFormatSet::names() const {
    std::vector<std::string> names;
    for (const auto& entry : k_formats)
        if (m_bits & bit(entry.format)) names.emplace_back(entry.name);
    return names;
}

const std::vector<std::string>& barcode_format_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all;
        for (const auto& entry : k_formats)
            all.emplace_back(entry.name);
        return all;
    }();
    return names;
}

std::string barcode_format_name(std::uint32_t format_bit) {
    for (const auto& entry : k_formats)
        if (bit(entry.format) == format_bit) return entry.name;
    return "";
}

Result<BarcodeFormatSet> parse_barcode_formats(const std::vector<std::string>& names) {
    std::uint32_t bits = 0;
    for (const auto& name : names) {
        if (name == "all") {
            bits |= bit(BarcodeFormat::Any);
            continue;
        }
        bool known = false;
        for (const auto& entry : k_formats)
            if (name == entry.name) {
                bits |= bit(entry.format);
                known = true;
            }
        if (!known)
            return fail(ErrorCode::Invalid,
                        fmt::format("unknown barcode format \"{}\"; known: {}, or all", name,
                                    fmt::join(barcode_format_names(), ", ")),
                        "camera");
    }
    if (bits == 0)
        return fail(ErrorCode::Invalid, "no barcode format enabled: name at least one", "camera");
    return BarcodeFormatSet(bits);
}

BarcodeFormatSet default_barcode_formats() {
    return BarcodeFormatSet(bit(BarcodeFormat::Code128) | bit(BarcodeFormat::Code39) |
                            bit(BarcodeFormat::EAN13) | bit(BarcodeFormat::EAN8) |
                            bit(BarcodeFormat::UPCA) | bit(BarcodeFormat::UPCE) |
                            bit(BarcodeFormat::ITF) | bit(BarcodeFormat::DataMatrix) |
                            bit(BarcodeFormat::QRCode) | bit(BarcodeFormat::PDF417));
}

}  // namespace rs::devices
