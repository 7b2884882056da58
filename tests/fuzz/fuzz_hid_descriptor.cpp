// Fuzz target: arbitrary bytes as a HID report descriptor.
#include <cstddef>
#include <cstdint>
#include <span>

#include "devices/scanner/hid_descriptor_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto parsed = rs::devices::parse_hid_report_descriptor(std::span(data, size));
    // An application collection needs at least a Collection item: never more than bytes.
    if (parsed && parsed->size() > size) __builtin_trap();
    if (parsed) rs::devices::hid_interface_kind(*parsed);
    return 0;
}
