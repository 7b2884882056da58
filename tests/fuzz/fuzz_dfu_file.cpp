// Fuzz target: arbitrary bytes as a firmware file (DFU suffix, DfuSe prefix, targets and
// elements, vendor prefixes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/dfu_file.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto parsed = rs::firmware::parse_firmware_file(bytes);
    // Nothing read may be larger than the file it came from.
    FUZZ_FAIL_IF(parsed && parsed->data_size() > size);
    if (parsed && parsed->format == rs::firmware::ImageFormat::Dfuse) {
        // A DfuSe file we read, written again, reads the same.
        auto again = rs::firmware::parse_firmware_file(rs::firmware::write_dfuse_file(
            parsed->targets, parsed->suffix.value_or(rs::firmware::DfuSuffix{})));
        FUZZ_FAIL_IF(!again || again->data_size() != parsed->data_size());
    }
    return 0;
}
