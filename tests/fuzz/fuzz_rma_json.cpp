// Fuzz target: arbitrary bytes as an RMA file (`station rma import`; the platform's pull pages
// go through the same parse_rma). Checks that a file accepted is what it says: every number a
// valid RMA number, every whole-number field the value written (not a narrowed one), and every
// address reads back from the JSON it is written to.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

#include "common/json_nesting.h"
#include "labels/codes/code_grammar.h"
#include "station/rma/rma_json.h"
#include "tests/fuzz/fuzz_check.h"

using namespace rs::station;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto rmas = parse_rmas(text);
    if (!rmas) {
        FUZZ_FAIL_IF(rmas.error().message.empty());  // every refusal says why
        return 0;
    }
    FUZZ_FAIL_IF(rs::json_nesting_depth(text) > rs::k_max_json_depth);
    auto document = nlohmann::json::parse(text);
    const auto& list = document.is_object() ? document["rmas"] : document;
    FUZZ_FAIL_IF(list.size() != rmas->size());
    for (std::size_t i = 0; i < rmas->size(); ++i) {
        const Rma& rma = (*rmas)[i];
        auto readings = rs::labels::classify(rma.number);
        FUZZ_FAIL_IF(readings.front().kind != rs::labels::CodeKind::Rma || !readings.front().valid);
        FUZZ_FAIL_IF(rma.warranty_months < 0 || rma.warranty_months > 240);
        if (auto months = list[i].find("warranty_months"); months != list[i].end())
            FUZZ_FAIL_IF(months->get<std::int64_t>() != rma.warranty_months ||
                         (months->is_number_unsigned() && months->get<std::uint64_t>() > 240));
        auto address = address_from_json(address_to_json(rma.return_address));
        FUZZ_FAIL_IF(!address || address->street != rma.return_address.street ||
                     address->postal_code != rma.return_address.postal_code ||
                     address->country != rma.return_address.country);
        (void)format_address(rma.return_address);
        (void)is_expected_here(rma);
    }
    return 0;
}
