// Fuzz target: arbitrary bytes as a firmware file (DFU suffix, DfuSe prefix, targets and
// elements, vendor prefixes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/dfu_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto parsed = rs::firmware::parse_firmware_file(bytes);
    // Nothing read may be larger than the file it came from.
    if (parsed && parsed->data_size() > size) __builtin_trap();
    if (parsed && parsed->format == rs::firmware::ImageFormat::Dfuse) {
        // A DfuSe file we read, written again, reads the same.
        auto again = rs::firmware::parse_firmware_file(rs::firmware::write_dfuse_file(
            parsed->targets, parsed->suffix.value_or(rs::firmware::DfuSuffix{})));
        if (!again || again->data_size() != parsed->data_size()) __builtin_trap();
    }
    return 0;
}
