// Fuzz target: arbitrary bytes as a fault catalog file (`station faults import`, IRIS-style codes
// per category). A catalog accepted has named codes, each once per set, and repair times that
// are the file's own numbers within 1..1440 minutes.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "station/orders/diagnosis.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto codes = parse_fault_catalog(text);
    if (!codes) {
        FUZZ_FAIL_IF(codes.error().message.empty());
        return 0;
    }
    auto document = nlohmann::json::parse(text);
    std::set<std::pair<FaultCodeKind, std::string>> seen;
    for (const auto& code : *codes) {
        FUZZ_FAIL_IF(code.category.empty() || code.code.empty() || code.name_zh.empty() ||
                     code.name_en.empty());
        FUZZ_FAIL_IF(!seen.insert({code.kind, code.code}).second);
        if (code.kind != FaultCodeKind::Repair) continue;
        FUZZ_FAIL_IF(code.standard_minutes < 1 || code.standard_minutes > 1440);
        // The minutes are the file's: find the item and compare (no narrowed big number).
        bool found = false;
        for (const auto& item : document["repair"])
            if (item.value("code", std::string()) == code.code)
                found = item["minutes"].is_number_integer() &&
                        !(item["minutes"].is_number_unsigned() &&
                          item["minutes"].get<std::uint64_t>() > 1440) &&
                        item["minutes"].get<std::int64_t>() == code.standard_minutes;
        FUZZ_FAIL_IF(!found);
    }
    return 0;
}
