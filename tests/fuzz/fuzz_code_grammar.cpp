// Fuzz target: arbitrary bytes as a scanned code (what a scanner, a camera or `station code`
// hands to the code grammar of labels/codes: GS1 element strings, tracking numbers, our ids).
// Checks what the grammar promises: never an empty answer, valid readings first, and the own-id
// check character it computes is the one it accepts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/scan.h"
#include "labels/codes/code_grammar.h"
#include "tests/fuzz/fuzz_check.h"

using rs::labels::CodeKind;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto readings = rs::labels::classify(text);
    FUZZ_FAIL_IF(readings.empty());
    bool seen_invalid = false;
    for (const auto& reading : readings) {
        if (!reading.valid) seen_invalid = true;
        FUZZ_FAIL_IF(reading.valid && seen_invalid);  // best first
        FUZZ_FAIL_IF(reading.why.empty());            // every answer says why
    }
    // The same bytes as a scanner's scan, with a symbology (AIM id) taken from the input's start.
    rs::Scan scan;
    scan.source = "fuzz";
    scan.text = text;
    if (size >= 3 && data[0] == ']') {
        scan.symbology = text.substr(0, 3);
        scan.text = text.substr(3);
    }
    FUZZ_FAIL_IF(rs::labels::classify(scan).empty());
    // An id we make from the input reads back as that kind, valid.
    for (CodeKind kind : {CodeKind::Rma, CodeKind::RepairOrder, CodeKind::Bin,
                          CodeKind::OperatorBadge, CodeKind::PartSku}) {
        std::string made = rs::labels::make_own_id(kind, text);
        if (made.empty()) continue;
        bool found = false;
        for (const auto& reading : rs::labels::classify(made))
            if (reading.kind == kind && reading.valid) found = true;
        FUZZ_FAIL_IF(!found);
    }
    return 0;
}
