// Fuzz target: arbitrary bytes as a label printer's replies (ZPL ~HS host status, ~HQES errors,
// ~HI identification) and its IEEE 1284 device id. A reply that parses must print back (the
// emulator's format_*) to a reply that parses to the same status.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "devices/printer/ieee1284.h"
#include "devices/printer/zpl_status_protocol.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::devices;

namespace {

bool same_flags(const PrinterStatus& a, const PrinterStatus& b) {
    return a.paper_out == b.paper_out && a.paused == b.paused && a.head_open == b.head_open &&
           a.ribbon_out == b.ribbon_out && a.buffer_full == b.buffer_full &&
           a.partial_format == b.partial_format;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view reply(reinterpret_cast<const char*>(data), size);
    (void)host_status_complete(reply);
    (void)hqes_complete(reply);
    (void)identification_complete(reply);
    if (auto status = parse_host_status(reply)) {
        FUZZ_FAIL_IF(status->formats_in_buffer < 0 || status->labels_remaining < 0 ||
                     status->label_length_dots < 0);
        auto again = parse_host_status(format_host_status(*status));
        FUZZ_FAIL_IF(!again || !same_flags(*status, *again) ||
                     again->labels_remaining != status->labels_remaining ||
                     again->label_length_dots != status->label_length_dots ||
                     again->formats_in_buffer != std::min(status->formats_in_buffer, 999));
        (void)assess(*status);
    }
    PrinterStatus status;
    if (parse_hqes(reply, status)) {
        FUZZ_FAIL_IF(!status.answered);
        PrinterStatus again;
        FUZZ_FAIL_IF(!parse_hqes(format_hqes(status), again));
        FUZZ_FAIL_IF(again.paper_out != status.paper_out || again.ribbon_out != status.ribbon_out ||
                     again.head_open != status.head_open);
        (void)assess(status);
    }
    if (auto identity = parse_identification(reply)) {
        FUZZ_FAIL_IF(identity->dpi() < 0);
        (void)parse_identification(format_identification(*identity));
    }
    auto fields = parse_device_id(reply);
    for (const auto& [key, value] : fields) {
        // Keys upper-cased and trimmed, values trimmed (an empty key is kept: nobody asks for it).
        for (char c : key)
            FUZZ_FAIL_IF(c >= 'a' && c <= 'z');
        FUZZ_FAIL_IF(!key.empty() && (key.front() == ' ' || key.back() == ' '));
        FUZZ_FAIL_IF(!value.empty() && (value.front() == ' ' || value.back() == ' '));
    }
    (void)speaks_zpl(fields);
    return 0;
}
