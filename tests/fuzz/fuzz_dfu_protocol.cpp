// Fuzz target: arbitrary bytes as DFU replies and descriptors (GETSTATUS, GETSTATE, functional
// descriptors among extra descriptors, setup packets, DfuSe commands and memory layouts).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "devices/dfu/dfu_protocol.h"
#include "devices/dfu/dfuse_protocol.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::devices::dfu;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::span<const std::uint8_t> bytes(data, size);
    if (auto status = parse_status_reply(bytes)) {
        // What parses must print back to the same six bytes.
        auto again = status->bytes();
        for (std::size_t i = 0; i < 6; ++i)
            FUZZ_FAIL_IF(again[i] != bytes[i]);
    }
    (void)parse_state_reply(bytes);
    if (auto found = find_functional_descriptor(bytes); found && *found) {
        FUZZ_FAIL_IF((*found)->transfer_size == 0);
    }
    (void)parse_functional_descriptor(bytes);
    if (auto setup = SetupPacket::parse(bytes.first(std::min<std::size_t>(size, 8)))) {
        (void)request_of(*setup);
    }
    (void)parse_dfuse_command(bytes);
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto layout = parse_memory_layout(text)) {
        for (const auto& segment : layout->segments)
            FUZZ_FAIL_IF(segment.end() > 0x100000000ull || segment.sector_size == 0);
    }
    return 0;
}
