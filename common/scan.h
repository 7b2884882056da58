// Scan: what any code reader (USB scanner, camera, typed text) hands to the code grammar.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rs {

// The largest barcodes hold about 3 KB (QR version 40: 2953 bytes; PDF417 and Data Matrix less),
// so a longer "scan" is a stuck scanner or pasted text: it is refused, and only its first bytes
// are kept in the scan log.
inline constexpr std::size_t k_longest_scan_bytes = 8192;

// One read of a barcode. `text` keeps the bytes exactly as the reader sent them, including
// GS (0x1D) separators of GS1 data; `symbology` is the AIM identifier ("]C1", "]d2", ...)
// when the reader reported one, otherwise empty. The AIM id may also still be at the start of
// `text` when a keyboard-wedge scanner typed it: the grammar accepts both.
struct Scan {
    std::string source;        // which reader: "cli", "sim:intake", "usb:0c2e:0b61@1-2.3", ...
    std::string text;          // raw bytes, GS kept
    std::string symbology;     // AIM id like "]C1", or empty when unknown
    std::int64_t time_ms = 0;  // UTC milliseconds
};

}  // namespace rs
