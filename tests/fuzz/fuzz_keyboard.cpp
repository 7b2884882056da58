// Fuzz target: arbitrary bytes as a stream of 8-byte keyboard reports and as evdev records.
#include <cstddef>
#include <cstdint>
#include <span>

#include "devices/scanner/evdev_protocol.h"
#include "devices/scanner/keyboard_protocol.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    rs::devices::KeyboardOptions options;
    options.layout = rs::devices::find_keyboard_layout(data[0] % 3 == 0   ? "us"
                                                       : data[0] % 3 == 1 ? "de"
                                                                          : "fr");
    rs::devices::KeyboardDecoder decoder(options);
    std::span<const std::uint8_t> bytes(data + 1, size - 1);
    // Report sizes vary with the first byte so truncated reports are exercised too.
    std::size_t report_size = 6 + data[0] % 4;
    for (std::size_t offset = 0; offset < bytes.size(); offset += report_size) {
        auto report = bytes.subspan(offset, std::min(report_size, bytes.size() - offset));
        for (auto& result : decoder.feed_report(report, static_cast<std::int64_t>(offset)))
            FUZZ_FAIL_IF(result && result->text.empty());  // never an empty scan
    }
    rs::devices::EvdevDecoder evdev;
    evdev.feed(bytes);
    return 0;
}
