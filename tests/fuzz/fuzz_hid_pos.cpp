// Fuzz target: arbitrary bytes as HID POS reports of both layouts.
#include <cstddef>
#include <cstdint>
#include <span>

#include "devices/scanner/hid_pos_protocol.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const char* name : {"honeywell", "newland"}) {
        rs::devices::HidPosDecoder decoder(*rs::devices::find_hid_pos_layout(name));
        for (std::size_t offset = 0; offset < size; offset += 64) {
            std::span<const std::uint8_t> report(data + offset,
                                                 std::min<std::size_t>(64, size - offset));
            auto result = decoder.feed(report, 0);
            FUZZ_FAIL_IF(result && *result && (*result)->text.empty());
        }
    }
    return 0;
}
