// Fuzz target: arbitrary bytes as a parts catalog CSV (`station parts import`,
// docs/inventory.md). A file accepted gives parts in line order, each from a line of the file.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "inventory/part_csv.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream in(text);
    auto parts = rs::inventory::read_parts_csv(in, "fuzz.csv");
    if (!parts) {
        FUZZ_FAIL_IF(parts.error().message.empty());
        return 0;
    }
    int lines = 1;
    for (char c : text)
        lines += c == '\n';
    int previous = 1;
    for (const auto& part : *parts) {
        FUZZ_FAIL_IF(part.line <= previous || part.line > lines);
        previous = part.line;
        FUZZ_FAIL_IF(part.part.unit.empty());
    }
    return 0;
}
