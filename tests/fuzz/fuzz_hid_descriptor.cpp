// Fuzz target: arbitrary bytes as a HID report descriptor.
#include <cstddef>
#include <cstdint>
#include <span>

#include "devices/scanner/hid_descriptor_protocol.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed = rs::devices::parse_hid_report_descriptor(std::span(data, size));
    // An application collection needs at least a Collection item: never more than bytes.
    FUZZ_FAIL_IF(parsed && parsed->size() > size);
    if (parsed) rs::devices::hid_interface_kind(*parsed);
    return 0;
}
