// Fuzz target: arbitrary bytes through serial framing with each suffix.
#include <cstddef>
#include <cstdint>
#include <span>

#include "devices/scanner/serial_protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using rs::devices::SerialSuffix;
    for (auto suffix :
         {SerialSuffix::Cr, SerialSuffix::Lf, SerialSuffix::CrLf, SerialSuffix::None}) {
        rs::devices::SerialFramer framer({suffix, 100, 64, true});
        std::span<const std::uint8_t> bytes(data, size);
        std::size_t half = size / 2;
        framer.feed(bytes.subspan(0, half), 0);
        framer.feed(bytes.subspan(half), 10);
        framer.expire(1000);
    }
    return 0;
}
